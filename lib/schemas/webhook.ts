// Webhook endpoints for the storage team's tooling: what the settings page, the API and
// the OpenAPI document share. Client-safe. Whether a URL's host is public is checked on
// the server (lib/webhooks/address-guard.ts): it takes a DNS lookup.
import { z } from "zod";
import { REQUEST_EVENT_TYPES } from "@/lib/outbox/events";
import { requestDetailSchema } from "@/lib/schemas/request";
import { SINGLE_LINE, isWellFormed } from "./text";

export const WEBHOOK_EVENT_TYPES = REQUEST_EVENT_TYPES;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each event type means, for the form and the document. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "request.created": "A request is submitted",
  "request.status_changed": "A request changes status (approved, needs info, …)",
  "request.updated": "A request's fields are edited",
  "request.commented": "Someone comments on a request",
  "request.assigned": "A request is assigned or unassigned",
};

/** POST /api/webhooks */
export const createWebhookBodySchema = z.strictObject({
  url: z
    .string({ error: "URL is required" })
    .trim()
    .min(1, { error: "URL is required" })
    .max(2000, { error: "URL must be at most 2000 characters" })
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full https:// URL" }))
    .describe("Where deliveries are POSTed: https, and a host that resolves to public addresses only"),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `Each event must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` }), { error: "events must be a list" })
    .min(1, { error: "Choose at least one event" })
    .refine((list) => new Set(list).size === list.length, { error: "Each event at most once" })
    .describe("The event types to deliver"),
  description: z
    .string({ error: "Description must be text" })
    .trim()
    .max(200, { error: "Description must be at most 200 characters" })
    .regex(SINGLE_LINE, { error: "Description contains control characters" })
    .refine(isWellFormed, { error: "Description contains invalid characters" })
    .optional()
    .describe("What the endpoint is for, e.g. “provisioning bot”"),
});
export type CreateWebhookBody = z.output<typeof createWebhookBodySchema>;
export type CreateWebhookInput = z.input<typeof createWebhookBodySchema>;

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDto = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().describe("Signs every delivery (KVStore-Signature). Shown this once: copy it into the receiver now."),
});
export type CreatedWebhookDto = z.infer<typeof createdWebhookSchema>;

export const webhookListResponseSchema = z.object({ items: z.array(webhookSchema) });
export type WebhookListResponse = z.infer<typeof webhookListResponseSchema>;

export const WEBHOOK_DELIVERY_STATES = ["pending", "delivered", "failed"] as const;

export const webhookDeliverySchema = z.object({
  id: z.string().describe("The delivery id, sent as KVStore-Delivery: the same for every attempt and redelivery"),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  request: z.string().describe("KV-<n>"),
  state: z.enum(WEBHOOK_DELIVERY_STATES).describe("pending: not answered with 2xx yet (retried with backoff); failed: given up after 24 h"),
  attempts: z.number().int(),
  statusCode: z.number().int().nullable().describe("The HTTP status of the latest attempt; null when it got no answer (see error)"),
  error: z.string().nullable().describe("Why the latest attempt failed"),
  attemptedAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().nullable(),
  nextAttemptAt: z.iso.datetime().nullable().describe("While pending: not before this time"),
  createdAt: z.iso.datetime().describe("When the change happened"),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListResponseSchema = z.object({ items: z.array(webhookDeliverySchema) });
export type WebhookDeliveryListResponse = z.infer<typeof webhookDeliveryListResponseSchema>;

/** The body of every delivery (documentation; the deliverer writes it). */
export const webhookPayloadSchema = z.object({
  id: z.string().describe("The delivery id (also KVStore-Delivery)"),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  createdAt: z.iso.datetime().describe("When the change happened"),
  request: requestDetailSchema.describe("The request as GET /api/requests/{number} returns it, as of the moment the event was handed to the webhooks"),
});
