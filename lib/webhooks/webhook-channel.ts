// The "webhook" outbox channel. Planner: one item per endpoint that wants the event's
// type, with the request as GET /api/requests/{number} returns it, read in the fan-out's
// transaction (so every retry sends the same body), ordered per endpoint and request.
// Deliverer: checks the URL again (DNS may have changed since registration), POSTs the
// signed body to the addresses it checked, records the attempt, and throws on anything
// but a 2xx so the worker retries with backoff for 24 h.
import "server-only";
import type { Dialect } from "@/lib/db/sql/dialect";
import { rows, type Read } from "@/lib/db/sql/reads";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { detailByNumber } from "@/lib/data/requests/detail-query";
import type { RequestDomainEvent } from "@/lib/outbox/events";
import { registerDeliverer, registerPlanner, type OutboxItemRow, type PlannedItem, type RetryPolicy } from "@/lib/outbox/registry";
import { resolveWebhookUrl } from "@/lib/webhooks/address-guard";
import { postJson } from "@/lib/webhooks/post-json";
import { signatureHeader } from "@/lib/webhooks/signature";
import { WEBHOOK_CHANNEL, webhookOrderKey } from "@/lib/webhooks/channel-names";
import type { RequestDetail } from "@/lib/schemas/request";

type Payload = { type: RequestDomainEvent["type"]; createdAt: string; request: RequestDetail };

/** 10 s per attempt, first retry after 10 s, doubling up to 15 min, for 24 h. */
export const WEBHOOK_POLICY: RetryPolicy = { timeoutMs: 10_000, baseDelayMs: 10_000, maxDelayMs: 15 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 };

export function* planWebhooks(event: RequestDomainEvent, d: Dialect): Read<PlannedItem[]> {
  const endpoints = yield* rows<{ id: string }>(`SELECT "id" FROM "WebhookEndpoint" WHERE ${d.jsonArrayContains(`"events"`)} ORDER BY "createdAt", "id"`, [
    event.type,
  ]);
  if (endpoints.length === 0) return [];
  const request = yield* detailByNumber(event.requestNumber);
  if (!request) return [];
  const payload: Payload = { type: event.type, createdAt: event.at, request };
  return endpoints.map((e) => ({ key: e.id, target: e.id, orderKey: webhookOrderKey(e.id, event.requestNumber), payload }));
}

/** The raw body of a delivery: the same bytes on every attempt. */
export function deliveryBody(item: Pick<OutboxItemRow, "deliveryId" | "payload">): string {
  const { type, createdAt, request } = JSON.parse(item.payload) as Payload;
  return JSON.stringify({ id: item.deliveryId, type, createdAt, request });
}

export async function deliverWebhook(item: OutboxItemRow, signal: AbortSignal, { allowPrivate = env().WEBHOOK_ALLOW_PRIVATE } = {}): Promise<void> {
  const endpoint = item.target ? await db.webhookEndpoint.findUnique({ where: { id: item.target } }) : null;
  if (!endpoint) return; // deleted since: nobody to deliver to
  const body = deliveryBody(item);
  const started = Date.now();
  let statusCode: number | null = null;
  let failure: string | null = null;
  try {
    const { url, addresses } = await resolveWebhookUrl(endpoint.url, { allowPrivate });
    statusCode = await postJson(url, body, {
      addresses,
      signal,
      headers: {
        "KVStore-Event": (JSON.parse(item.payload) as Payload).type,
        "KVStore-Delivery": item.deliveryId,
        "KVStore-Signature": signatureHeader(endpoint.secret, body, Math.floor(Date.now() / 1000)),
      },
    });
    if (statusCode < 200 || statusCode > 299) failure = `The endpoint answered ${statusCode}`;
  } catch (error) {
    failure = signal.aborted ? "No answer within the time limit" : error instanceof Error ? error.message : String(error);
  }
  await db.webhookAttempt
    .create({ data: { deliveryId: item.deliveryId, endpointId: endpoint.id, statusCode, error: failure, durationMs: Date.now() - started } })
    .catch(() => {}); // the endpoint was deleted meanwhile: nothing to record it on
  if (failure) throw new Error(failure);
}

export function registerWebhookChannel(policy: Partial<RetryPolicy> = {}, options: { allowPrivate?: boolean } = {}) {
  registerPlanner(WEBHOOK_CHANNEL, planWebhooks);
  registerDeliverer(WEBHOOK_CHANNEL, (item, signal) => deliverWebhook(item, signal, options), { ...WEBHOOK_POLICY, ...policy });
}
