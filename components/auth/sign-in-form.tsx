"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";

/** Posts to better-auth's own endpoint, so its rate limit and origin check apply. */
export function SignInForm({ next, secondary = false }: { next: string; secondary?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        router.replace(next);
        router.refresh();
        return;
      }
      // 403: refused for a reason the server words (a deactivated account, password sign-in off).
      const refusal = res.status === 403 ? ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message : undefined;
      setError(
        res.status === 429
          ? "Too many attempts. Wait a minute, then try again."
          : res.status === 401 || res.status === 400
            ? "That email and password do not match an account."
            : (refusal ?? "Signing in failed. Try again."),
      );
    } catch {
      setError("Cannot reach the server. Check your connection and try again.");
    }
    setSending(false);
  }

  // method=post: should the script fail to load, credentials never land in the URL.
  return (
    <Stack component="form" method="post" onSubmit={onSubmit} spacing={2} noValidate>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus={!secondary} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" variant={secondary ? "outlined" : "contained"} size="large" disabled={sending}>
        Sign in
      </Button>
    </Stack>
  );
}
