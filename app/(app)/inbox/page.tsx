import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requireUser } from "@/lib/auth/current-user";
import { listInbox } from "@/lib/data/notifications/inbox";
import { makeQueryClient } from "@/lib/queries/query-client";
import { inboxKeys } from "@/lib/queries/inbox";
import { InboxList } from "@/components/notifications/inbox-list";

export const metadata: Metadata = { title: "Inbox" };

// Server shell: the person's notifications straight from the data layer, as a warm client cache.
export default async function InboxPage() {
  const user = await requireUser();
  const queryClient = makeQueryClient();
  const inbox = await listInbox(user, { limit: 100 });
  queryClient.setQueryData(inboxKeys.list(), inbox);
  queryClient.setQueryData(inboxKeys.unread(), inbox.unreadCount);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <InboxList />
    </HydrationBoundary>
  );
}
