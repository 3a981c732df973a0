import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requireUser } from "@/lib/auth/current-user";
import { listTokens } from "@/lib/data/tokens/api-tokens";
import { publicBaseUrl } from "@/lib/env";
import { makeQueryClient } from "@/lib/queries/query-client";
import { tokenKeys } from "@/lib/queries/tokens";
import { ApiTokens } from "@/components/settings/api-tokens";

export const metadata: Metadata = { title: "API tokens" };

// Server shell: the user's tokens straight from the data layer, as a warm client cache.
export default async function TokensPage() {
  const user = await requireUser();
  const queryClient = makeQueryClient();
  queryClient.setQueryData(tokenKeys.list(), { items: await listTokens(user) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ApiTokens baseUrl={publicBaseUrl()} />
    </HydrationBoundary>
  );
}
