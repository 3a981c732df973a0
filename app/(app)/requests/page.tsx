import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { listRequests } from "@/lib/data/requests/list-requests";
import { countPresets } from "@/lib/data/requests/count-presets";
import { readQueueView, renderedFor, toUrlSearchParams } from "@/lib/queries/queue-view";
import { RequestQueue } from "@/components/requests/request-queue";
import { cursorForView } from "@/lib/domain/requests/list-cursor";

export const metadata: Metadata = { title: "Requests" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Server shell: reads the view from the URL, renders its first page straight from the
// data layer (from the cursor in `after`, when "next" led here), and hands the client
// queue that page and the presets' counts as its queries' initial data. (Props, not
// TanStack's HydrationBoundary: its hydration code was 0.6 KB gzipped of the queue's
// first load, over the 200 KB guard; two queries need no more than initialData.)
export default async function RequestsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = toUrlSearchParams(await searchParams);
  const view = readQueueView(params, user.role);
  // "Next" puts where the last page ended in the URL: the page is read from there.
  const after = cursorForView(params.get("after"), view);
  const [list, counts] = await Promise.all([listRequests(view, user, after), countPresets(user)]);
  return <RequestQueue role={user.role} userId={user.id} initial={{ view: renderedFor(view, after ? params.get("after") : null), list, counts }} />;
}
