"use client";
// /inbox: what happened to the requests the person watches, newest first. Each links to
// its request; unread ones stand out and can be marked read one by one or all at once.
import NextLink from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { inboxKeys, inboxOptions, markRead } from "@/lib/queries/inbox";
import type { MarkReadBody, NotificationDto } from "@/lib/schemas/notification";
import { RelativeTime } from "@/components/requests/relative-time";
import { useToast } from "@/components/feedback/toast-provider";
import { ApiClientError } from "@/lib/queries/api-client";

export function InboxList() {
  const queryClient = useQueryClient();
  const notify = useToast();
  const { data } = useQuery(inboxOptions());
  const read = useMutation({
    mutationFn: (body: MarkReadBody) => markRead(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
    onError: (error) => notify(error instanceof ApiClientError ? error.message : "Could not mark as read.", { severity: "error" }),
  });
  const items = data?.items ?? [];
  const unread = data?.unreadCount ?? 0;

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "center" }, justifyContent: "space-between" }}>
        <Box>
          <Typography variant="h1">Inbox</Typography>
          <Typography color="textSecondary">
            {unread ? `${unread} unread` : "All caught up"} · changes to requests you watch: yours, those assigned to you, those you watch or were @mentioned
            on.
          </Typography>
        </Box>
        <Button variant="outlined" disabled={unread === 0 || read.isPending} onClick={() => read.mutate({ all: true })} sx={{ flexShrink: 0 }}>
          Mark all read
        </Button>
      </Stack>
      {items.length === 0 ? (
        <Paper sx={{ p: 3 }}>
          <Typography color="textSecondary">Nothing yet. When something happens to a request you watch, it shows up here.</Typography>
        </Paper>
      ) : (
        <Paper component="ul" aria-label="Notifications" sx={{ listStyle: "none", m: 0, p: 0 }}>
          {items.map((n, i) => (
            <InboxItem key={n.id} n={n} divider={i < items.length - 1} onRead={() => read.mutate({ ids: [n.id] })} pending={read.isPending} />
          ))}
        </Paper>
      )}
    </Stack>
  );
}

function InboxItem({ n, divider, onRead, pending }: { n: NotificationDto; divider: boolean; onRead: () => void; pending: boolean }) {
  const unread = n.readAt === null;
  return (
    <Box
      component="li"
      data-unread={unread || undefined}
      sx={{
        display: "flex",
        gap: 2,
        alignItems: "flex-start",
        px: 2,
        py: 1.5,
        borderBottom: divider ? 1 : 0,
        borderColor: "divider",
        borderLeft: 4,
        borderLeftColor: unread ? "primary.main" : "transparent",
      }}
    >
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Link component={NextLink} href={`/requests/${n.number}`} sx={{ fontWeight: unread ? 700 : 400, overflowWrap: "anywhere" }}>
          {unread ? `${n.title} (unread)` : n.title}
        </Link>
        {n.body && (
          <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", mt: 0.5 }}>
            {n.body}
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5 }}>
          <RelativeTime iso={n.createdAt} />
        </Typography>
      </Box>
      {unread && (
        <Button size="small" onClick={onRead} disabled={pending} aria-label={`Mark read: ${n.title}`} sx={{ flexShrink: 0 }}>
          Mark read
        </Button>
      )}
    </Box>
  );
}
