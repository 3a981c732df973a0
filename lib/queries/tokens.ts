// Query keys, options and calls for the personal API tokens page.
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { CreatedTokenDto, CreateTokenBody, TokenListResponse } from "@/lib/schemas/token";

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export function tokenListOptions() {
  return queryOptions({
    queryKey: tokenKeys.list(),
    queryFn: ({ signal }) => apiFetch<TokenListResponse>("/api/tokens", { signal }),
  });
}

export function createToken(body: CreateTokenBody) {
  return apiFetch<CreatedTokenDto>("/api/tokens", { method: "POST", json: body });
}

export function revokeToken(id: string) {
  return apiFetch<null>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
}
