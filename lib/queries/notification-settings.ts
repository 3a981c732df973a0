// Query key, options and call for one's notification settings (/settings/notifications).
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { NotificationSettings, UpdateNotificationSettings } from "@/lib/schemas/notification";

export const notificationSettingsKey = ["notification-settings"] as const;

export function notificationSettingsOptions() {
  return queryOptions({
    queryKey: notificationSettingsKey,
    queryFn: ({ signal }) => apiFetch<NotificationSettings>("/api/me/notifications", { signal }),
  });
}

export function updateNotificationSettings(body: UpdateNotificationSettings) {
  return apiFetch<NotificationSettings>("/api/me/notifications", { method: "PUT", json: body });
}
