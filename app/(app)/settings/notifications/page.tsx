import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requireUser } from "@/lib/auth/current-user";
import { notificationSettings } from "@/lib/data/notifications/settings";
import { makeQueryClient } from "@/lib/queries/query-client";
import { notificationSettingsKey } from "@/lib/queries/notification-settings";
import { NotificationSettingsForm } from "@/components/settings/notification-settings";

export const metadata: Metadata = { title: "Notifications" };

// Server shell: the person's mail choices straight from the data layer, as a warm client cache.
export default async function NotificationSettingsPage() {
  const user = await requireUser();
  const queryClient = makeQueryClient();
  queryClient.setQueryData(notificationSettingsKey, await notificationSettings(user));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <NotificationSettingsForm isAdmin={user.role === "ADMIN"} />
    </HydrationBoundary>
  );
}
