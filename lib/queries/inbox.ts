// Query keys, options and calls for the inbox and the bell (watching and the
// notification settings have their own modules: the bell is in every page's first load).
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { InboxResponse, MarkReadBody } from "@/lib/schemas/notification";

export const inboxKeys = {
  all: ["inbox"] as const,
  list: () => [...inboxKeys.all, "list"] as const,
  unread: () => [...inboxKeys.all, "unread"] as const,
};

/** The bell refetches this rarely as a safety net: the event stream says when the inbox changes. */
const UNREAD_POLL_MS = 60_000;

export function inboxOptions() {
  return queryOptions({ queryKey: inboxKeys.list(), queryFn: ({ signal }) => apiFetch<InboxResponse>("/api/inbox?limit=100", { signal }) });
}

export function unreadCountOptions() {
  return queryOptions({
    queryKey: inboxKeys.unread(),
    queryFn: async ({ signal }) => (await apiFetch<InboxResponse>("/api/inbox?unread=true&limit=1", { signal })).unreadCount,
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function markRead(body: MarkReadBody) {
  return apiFetch<{ unreadCount: number }>("/api/inbox/read", { method: "POST", json: body });
}
