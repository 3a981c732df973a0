// Query keys, options and calls for the webhooks settings page.
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { CreatedWebhookDto, CreateWebhookBody, WebhookDeliveryDto, WebhookDeliveryListResponse, WebhookListResponse } from "@/lib/schemas/webhook";

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  deliveries: (id: string) => [...webhookKeys.all, "deliveries", id] as const,
};

export function webhookListOptions() {
  return queryOptions({
    queryKey: webhookKeys.list(),
    queryFn: ({ signal }) => apiFetch<WebhookListResponse>("/api/webhooks", { signal }),
  });
}

/** Polled while the page is open: deliveries happen in the background. */
export function webhookDeliveriesOptions(id: string) {
  return queryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: ({ signal }) => apiFetch<WebhookDeliveryListResponse>(`/api/webhooks/${encodeURIComponent(id)}/deliveries`, { signal }),
    refetchInterval: 3000,
  });
}

export function createWebhook(body: CreateWebhookBody) {
  return apiFetch<CreatedWebhookDto>("/api/webhooks", { method: "POST", json: body });
}

export function deleteWebhook(id: string) {
  return apiFetch<null>(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function redeliverWebhook(id: string, deliveryId: string) {
  return apiFetch<WebhookDeliveryDto>(`/api/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: "POST" });
}
