"use client";
import { useState } from "react";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";

/**
 * Starts company sign-in: asks the app for the provider's authorization URL (state, PKCE
 * and nonce are made on the server) and goes there. Nobody types a password here.
 */
export function SsoButton({ displayName, next, primary }: { displayName: string; next: string; primary: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function start() {
    setSending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/oauth2", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ providerId: "oidc", callbackURL: next }),
      });
      const body = (await res.json().catch(() => null)) as { url?: unknown } | null;
      if (res.ok && typeof body?.url === "string") {
        window.location.assign(body.url);
        return; // leaving the page: keep the button disabled
      }
      setError(
        res.status === 429
          ? "Too many attempts. Wait a minute, then try again."
          : `${displayName} cannot be reached right now. Try again in a moment; if it keeps happening, tell the storage team.`,
      );
    } catch {
      setError("Cannot reach the server. Check your connection and try again.");
    }
    setSending(false);
  }

  return (
    <Stack spacing={2}>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <Button variant={primary ? "contained" : "outlined"} size="large" onClick={start} disabled={sending}>
        Sign in with {displayName}
      </Button>
    </Stack>
  );
}
