import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { UserListResponse } from "@/lib/schemas/user";

const userKeys = {
  all: ["users"] as const,
  list: (role?: "ADMIN" | "REQUESTER") => [...userKeys.all, role ?? "any"] as const,
};

/** The storage team, for assigning and for the queue's assignee filter. Changes rarely. */
export function adminsOptions() {
  return queryOptions({
    queryKey: userKeys.list("ADMIN"),
    queryFn: ({ signal }) => apiFetch<UserListResponse>("/api/users?role=ADMIN", { signal }),
    staleTime: 5 * 60_000,
  });
}

/** People whose name, email or team holds `q`: the queue's requester picker. */
export function peopleSearchOptions(q: string) {
  return queryOptions({
    queryKey: [...userKeys.all, "search", q] as const,
    queryFn: ({ signal }) => apiFetch<UserListResponse>(`/api/users?${new URLSearchParams({ q, pageSize: "20" })}`, { signal }),
    staleTime: 60_000,
  });
}

/** One person by id: whom the queue's requester filter names. */
export function personOptions(id: string) {
  return queryOptions({
    queryKey: [...userKeys.all, "one", id] as const,
    queryFn: async ({ signal }) => (await apiFetch<UserListResponse>(`/api/users?${new URLSearchParams({ id })}`, { signal })).items[0] ?? null,
    staleTime: 5 * 60_000,
  });
}
