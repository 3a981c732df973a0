import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requireUser } from "@/lib/auth/current-user";
import { listWebhooks } from "@/lib/data/webhooks/webhooks";
import { makeQueryClient } from "@/lib/queries/query-client";
import { webhookKeys } from "@/lib/queries/webhooks";
import { Webhooks } from "@/components/settings/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

// Server shell: admins only (anyone else gets the not-found page); the endpoints straight
// from the data layer as a warm client cache; their deliveries load and refresh in the browser.
export default async function WebhooksPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const queryClient = makeQueryClient();
  queryClient.setQueryData(webhookKeys.list(), { items: await listWebhooks(user) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Webhooks />
    </HydrationBoundary>
  );
}
