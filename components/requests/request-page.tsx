// Server-side pieces shared by /requests/[number] and /datasets/[datasetName].
import "server-only";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import type { RequestDetail } from "@/lib/schemas/request";
import type { SessionUser } from "@/lib/auth/roles";
import { RequestDetailView } from "@/components/requests/request-detail-view";
import { datasetOfRequest } from "@/lib/data/datasets/dataset-of-request";

/** The page's query: `?activity=all` shows every entry of the activity, not only the latest. */
export type RequestPageSearch = Promise<{ activity?: string | string[] }>;

/** Renders a request's page from data loaded on the server. */
export async function RequestPage({ request, user, search }: { request: RequestDetail; user: SessionUser; search: RequestPageSearch }) {
  const allActivity = (await search).activity === "all";
  return <RequestDetailView request={request} user={user} dataset={await datasetOfRequest(request)} allActivity={allActivity} />;
}

/** notFound() for a missing request; anything else propagates. */
export async function loadOr404(load: () => Promise<RequestDetail>): Promise<RequestDetail> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
