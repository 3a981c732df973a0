// Query keys, options and calls for the queue's saved views (GET/POST /api/views, DELETE /api/views/{id}).
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { CreateViewBody, SavedViewDto, ViewListResponse } from "@/lib/schemas/view";

export const viewKeys = {
  all: ["views"] as const,
  list: () => [...viewKeys.all, "list"] as const,
};

export function viewListOptions() {
  return queryOptions({
    queryKey: viewKeys.list(),
    queryFn: ({ signal }) => apiFetch<ViewListResponse>("/api/views", { signal }),
  });
}

export function saveView(body: CreateViewBody) {
  return apiFetch<SavedViewDto>("/api/views", { method: "POST", json: body });
}

export function deleteView(id: string) {
  return apiFetch<null>(`/api/views/${encodeURIComponent(id)}`, { method: "DELETE" });
}
