"use client";
// What a page shows when it fails: what happened in words, and a way to try again.
import { useEffect, useRef } from "react";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import RefreshIcon from "@mui/icons-material/Refresh";
import { LinkButton } from "@/components/layout/link-button";

export function ErrorState({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  // Keyboard and screen-reader users land on the message, not somewhere below it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack spacing={2} sx={{ py: 6, alignItems: "center", textAlign: "center", maxWidth: 560, mx: "auto" }}>
      <Typography variant="h1" ref={heading} tabIndex={-1} sx={{ outline: "none" }}>
        Something went wrong
      </Typography>
      <Typography color="textSecondary">
        This page could not be loaded. It may be a passing problem: try again. If it keeps failing, tell the storage team
        {digest ? " and quote the reference below" : ""}.
      </Typography>
      {digest && (
        <Alert severity="info" variant="outlined">
          Reference: <code>{digest}</code>
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" startIcon={<RefreshIcon />} onClick={() => retry()}>
          Retry
        </Button>
        <LinkButton href="/requests" variant="outlined">
          Go to the requests
        </LinkButton>
      </Stack>
    </Stack>
  );
}
