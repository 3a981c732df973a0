"use client";
// /settings/notifications: mail on or off per kind. Each switch saves at once; the inbox
// always gets everything.
import NextLink from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import FormControlLabel from "@mui/material/FormControlLabel";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import Typography from "@mui/material/Typography";
import { EMAIL_KINDS, type EmailKind } from "@/lib/notifications/kinds";
import { notificationSettingsKey, notificationSettingsOptions, updateNotificationSettings } from "@/lib/queries/notification-settings";
import { ApiClientError } from "@/lib/queries/api-client";
import { useToast } from "@/components/feedback/toast-provider";

export function NotificationSettingsForm({ isAdmin }: { isAdmin: boolean }) {
  const queryClient = useQueryClient();
  const notify = useToast();
  const { data } = useQuery(notificationSettingsOptions());
  const save = useMutation({
    mutationFn: ({ kind, on }: { kind: EmailKind; on: boolean }) => updateNotificationSettings({ email: { [kind]: on } }),
    onSuccess: (settings, { kind, on }) => {
      queryClient.setQueryData(notificationSettingsKey, settings);
      notify(`${EMAIL_KINDS.find((k) => k.kind === kind)!.label}: mail ${on ? "on" : "off"}.`);
    },
    onError: (error) => notify(error instanceof ApiClientError ? error.message : "Could not save.", { severity: "error" }),
  });
  if (!data) return null;
  const kinds = EMAIL_KINDS.filter((k) => k.kind !== "digest" || isAdmin);

  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <div>
        <Typography variant="h1" gutterBottom>
          Notifications
        </Typography>
        <Typography color="textSecondary">
          Your{" "}
          <Link component={NextLink} href="/inbox">
            inbox
          </Link>{" "}
          gets every change to the requests you watch. Choose which of them also come by mail.
        </Typography>
      </div>
      {!data.mailConfigured && <Alert severity="info">This server sends no mail yet (no SMTP server is set up). Your choices apply once it does.</Alert>}
      <Paper sx={{ p: 2 }}>
        <Typography variant="h2" sx={{ fontSize: "1.25rem", mb: 1 }}>
          Mail
        </Typography>
        <Stack spacing={1.5}>
          {kinds.map((k) => (
            <FormControlLabel
              key={k.kind}
              sx={{ alignItems: "flex-start", ml: 0, gap: 1 }}
              control={
                <Switch
                  checked={data.email[k.kind]}
                  disabled={save.isPending}
                  onChange={(e) => save.mutate({ kind: k.kind, on: e.target.checked })}
                  slotProps={{ input: { "aria-describedby": `hint-${k.kind}` } }}
                />
              }
              label={
                <span>
                  <Typography component="span" sx={{ display: "block", pt: 1 }}>
                    {k.label}
                  </Typography>
                  <Typography component="span" variant="body2" color="textSecondary" id={`hint-${k.kind}`} sx={{ display: "block" }}>
                    {k.hint}
                  </Typography>
                </span>
              }
            />
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}
