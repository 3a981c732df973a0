// Query keys, options and calls for the inbox, the bell and watching.
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { InboxResponse, MarkReadBody, NotificationSettings, UpdateNotificationSettings, WatchState } from "@/lib/schemas/notification";

export const inboxKeys = {
  all: ["inbox"] as const,
  list: () => [...inboxKeys.all, "list"] as const,
  unread: () => [...inboxKeys.all, "unread"] as const,
  watch: (number: string) => ["watch", number.toUpperCase()] as const,
  settings: () => ["notification-settings"] as const,
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

export function watchOptions(number: string) {
  return queryOptions({
    queryKey: inboxKeys.watch(number),
    queryFn: ({ signal }) => apiFetch<WatchState>(`/api/requests/${encodeURIComponent(number)}/watch`, { signal }),
  });
}

export function setWatching(number: string, watching: boolean) {
  return apiFetch<WatchState>(`/api/requests/${encodeURIComponent(number)}/watch`, { method: watching ? "PUT" : "DELETE" });
}

export function notificationSettingsOptions() {
  return queryOptions({
    queryKey: inboxKeys.settings(),
    queryFn: ({ signal }) => apiFetch<NotificationSettings>("/api/me/notifications", { signal }),
  });
}

export function updateNotificationSettings(body: UpdateNotificationSettings) {
  return apiFetch<NotificationSettings>("/api/me/notifications", { method: "PUT", json: body });
}
