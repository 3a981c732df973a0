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
