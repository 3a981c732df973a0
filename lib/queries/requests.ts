// Query keys, query options and mutations for requests, in one place so every
// invalidation can match by prefix (["requests", ...]).
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { listQueryToSearchParams } from "@/lib/schemas/list-params";
import type { CreateRequestInput, ListRequestsQuery, PresetCounts, RequestDetail, RequestListResponse } from "@/lib/schemas/request";

export const requestKeys = {
  all: ["requests"] as const,
  lists: () => [...requestKeys.all, "list"] as const,
  list: (query: ListRequestsQuery) => [...requestKeys.lists(), query] as const,
  // Under lists(): every invalidation of the queue's pages (a submission, an edit, a
  // move, a live event) refreshes the presets' counts too.
  counts: () => [...requestKeys.lists(), "counts"] as const,
};

/**
 * How often an open queue refetches while its tab is visible (react-query pauses hidden
 * tabs): often while the event stream is down, rarely as a safety net while it is up.
 */
const QUEUE_POLL_MS = { live: 60_000, polling: 5_000 } as const;

/**
 * `after`: the previous page's nextCursor, when the page was reached by "next": the
 * server then reads it from where that page ended instead of stepping over every row
 * before it. Not part of the key: the page is the same either way.
 */
export function requestListOptions(query: ListRequestsQuery, { live = false, after }: { live?: boolean; after?: string } = {}) {
  return queryOptions({
    queryKey: requestKeys.list(query),
    queryFn: ({ signal }) => {
      const params = listQueryToSearchParams(query);
      if (after) params.set("after", after);
      return apiFetch<RequestListResponse>(`/api/requests?${params}`, { signal });
    },
    placeholderData: keepPreviousData,
    refetchInterval: live ? QUEUE_POLL_MS.live : QUEUE_POLL_MS.polling,
  });
}

/** The queue presets' counts (GET /api/requests/counts). */
export function presetCountsOptions({ live = false }: { live?: boolean } = {}) {
  return queryOptions({
    queryKey: requestKeys.counts(),
    queryFn: ({ signal }) => apiFetch<PresetCounts>("/api/requests/counts", { signal }),
    refetchInterval: live ? QUEUE_POLL_MS.live : QUEUE_POLL_MS.polling,
  });
}

export function createRequest(input: CreateRequestInput) {
  return apiFetch<RequestDetail>("/api/requests", { method: "POST", json: input });
}
