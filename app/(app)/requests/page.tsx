import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requireUser } from "@/lib/auth/current-user";
import { listRequests } from "@/lib/data/requests/list-requests";
import { makeQueryClient } from "@/lib/queries/query-client";
import { requestKeys } from "@/lib/queries/requests";
import { countPresets } from "@/lib/data/requests/count-presets";
import { readQueueView, toUrlSearchParams } from "@/lib/queries/queue-view";
import { RequestQueue } from "@/components/requests/request-queue";
import { cursorForView } from "@/lib/domain/requests/list-cursor";

export const metadata: Metadata = { title: "Requests" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Server shell: reads the view from the URL, renders its first page straight from the
// data layer (from the cursor in `after`, when "next" led here), and hands the client
// queue a warm cache.
export default async function RequestsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = toUrlSearchParams(await searchParams);
  const view = readQueueView(params, user.role);
  // "Next" puts where the last page ended in the URL: the page is read from there.
  const after = cursorForView(params.get("after"), view);
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: requestKeys.list(view), queryFn: () => listRequests(view, user, after) }),
    queryClient.prefetchQuery({ queryKey: requestKeys.counts(), queryFn: () => countPresets(user) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RequestQueue role={user.role} userId={user.id} />
    </HydrationBoundary>
  );
}
