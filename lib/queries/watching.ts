// Query key, options and call for watching a request (the request page's Watch button).
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { WatchState } from "@/lib/schemas/notification";

export const watchKey = (number: string) => ["watch", number.toUpperCase()] as const;

export function watchOptions(number: string) {
  return queryOptions({
    queryKey: watchKey(number),
    queryFn: ({ signal }) => apiFetch<WatchState>(`/api/requests/${encodeURIComponent(number)}/watch`, { signal }),
  });
}

export function setWatching(number: string, watching: boolean) {
  return apiFetch<WatchState>(`/api/requests/${encodeURIComponent(number)}/watch`, { method: watching ? "PUT" : "DELETE" });
}
