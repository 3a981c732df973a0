import { QueryClient } from "@tanstack/react-query";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Data rendered on the server is fresh for a moment, so hydration does not refetch at once.
      queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true },
    },
  });
}
