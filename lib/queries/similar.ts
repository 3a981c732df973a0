import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { SimilarRequestsQuery, SimilarRequestsResponse } from "@/lib/schemas/similar";

const similarKeys = {
  all: ["requests", "similar"] as const,
  query: (query: SimilarRequestsQuery) => [...similarKeys.all, query] as const,
};

/** Possible duplicates of what is being typed; a new request elsewhere can change them. */
export function similarRequestsOptions(query: SimilarRequestsQuery) {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return queryOptions({
    queryKey: similarKeys.query(query),
    queryFn: ({ signal }) => apiFetch<SimilarRequestsResponse>(`/api/requests/similar?${params}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
