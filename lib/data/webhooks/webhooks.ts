// Webhook endpoints (admins only): register one (its secret is returned this once),
// list, delete; each one's deliveries with the latest attempt, and redelivery.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { readDatabase } from "@/lib/db/sql/database";
import { rows } from "@/lib/db/sql/reads";
import { isoFromSqlite } from "@/lib/data/requests/list-query";
import { formatRequestNumber } from "@/lib/domain/requests/options";
import { resolveWebhookUrl, WebhookUrlError } from "@/lib/webhooks/address-guard";
import { WEBHOOK_CHANNEL } from "@/lib/webhooks/channel-names";
import type { CreatedWebhookDto, CreateWebhookBody, WebhookDeliveryDto, WebhookDto, WebhookEventType } from "@/lib/schemas/webhook";

const MAX_ENDPOINTS = 25;
const DELIVERIES_LISTED = 50;

type EndpointRow = { id: string; url: string; events: string; description: string | null; createdAt: Date };

function toDto(row: EndpointRow): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    description: row.description,
    createdAt: row.createdAt.toISOString(),
  };
}

const dtoSelect = { id: true, url: true, events: true, description: true, createdAt: true } as const;

function requireAdmin(user: SessionUser) {
  if (user.role !== "ADMIN") throw ApiError.forbidden();
}

/** The URL as allowed now, or a 400 naming the field "url". */
export async function checkWebhookUrl(raw: string): Promise<void> {
  try {
    await resolveWebhookUrl(raw, { allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });
  } catch (error) {
    if (error instanceof WebhookUrlError)
      throw new ApiError("VALIDATION_FAILED", "The URL cannot be used for a webhook.", [{ path: "url", message: error.message }]);
    throw error;
  }
}

export async function listWebhooks(user: SessionUser): Promise<WebhookDto[]> {
  requireAdmin(user);
  const rows = await db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: dtoSelect });
  return rows.map(toDto);
}

/** A new endpoint; the only time its secret leaves the server. */
export async function createWebhook(user: SessionUser, body: CreateWebhookBody): Promise<CreatedWebhookDto> {
  requireAdmin(user);
  await checkWebhookUrl(body.url);
  if ((await db.webhookEndpoint.count()) >= MAX_ENDPOINTS) {
    throw new ApiError("CONFLICT", `There are ${MAX_ENDPOINTS} webhooks already; delete one that is no longer used first.`);
  }
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const row = await db.webhookEndpoint.create({
    data: {
      id: `wh_${randomUUID().replaceAll("-", "")}`,
      url: body.url,
      events: JSON.stringify(body.events),
      description: body.description || null,
      secret,
      createdById: user.id,
    },
    select: dtoSelect,
  });
  return { ...toDto(row), secret };
}

/** Deletes the endpoint and its attempts; what was still pending for it is given up. */
export async function deleteWebhook(user: SessionUser, id: string): Promise<void> {
  requireAdmin(user);
  const now = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
    if (count === 0) throw ApiError.notFound("The webhook");
    await tx.outboxItem.updateMany({
      where: { channel: WEBHOOK_CHANNEL, target: id, deliveredAt: null, failedAt: null },
      data: { failedAt: now, lastError: "The webhook was deleted" },
    });
  });
}

async function requireEndpoint(id: string) {
  const found = await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw ApiError.notFound("The webhook");
}

type DeliveryRow = {
  deliveryId: string;
  requestNumber: number;
  type: WebhookEventType;
  eventAt: string;
  attempts: number;
  // Either database's form of a DateTime (SQLite's text, PostgreSQL's Date).
  deliveredAt: string | Date | null;
  failedAt: string | Date | null;
  availableAt: string | Date;
  lastError: string | null;
  statusCode: number | null;
  attemptError: string | null;
  durationMs: number | null;
  attemptedAt: string | Date | null;
};

const iso = (v: string | Date | null) => (v === null ? null : isoFromSqlite(v));

/** The endpoint's latest deliveries, newest first, each with its latest attempt. */
export async function listWebhookDeliveries(user: SessionUser, endpointId: string): Promise<WebhookDeliveryDto[]> {
  requireAdmin(user);
  await requireEndpoint(endpointId);
  return readDeliveries(endpointId);
}

async function readDeliveries(endpointId: string, deliveryId?: string): Promise<WebhookDeliveryDto[]> {
  const found = await readDatabase((d) =>
    rows<DeliveryRow>(
      `SELECT o."deliveryId", o."requestNumber", ${d.jsonText(`o."payload"`, "type")} AS "type", ${d.jsonText(`o."payload"`, "createdAt")} AS "eventAt",
              o."attempts", o."deliveredAt", o."failedAt", o."availableAt", o."lastError",
              a."statusCode", a."error" AS "attemptError", a."durationMs", a."attemptedAt"
       FROM "OutboxItem" o
       LEFT JOIN "WebhookAttempt" a ON a."id" = (SELECT MAX("id") FROM "WebhookAttempt" WHERE "deliveryId" = o."deliveryId")
       WHERE o."channel" = ? AND o."target" = ?${deliveryId === undefined ? "" : ` AND o."deliveryId" = ?`}
       ORDER BY o."id" DESC LIMIT ?`,
      [WEBHOOK_CHANNEL, endpointId, ...(deliveryId === undefined ? [] : [deliveryId]), DELIVERIES_LISTED],
    ),
  );
  return found.map((r) => {
    const state = r.deliveredAt ? "delivered" : r.failedAt ? "failed" : "pending";
    return {
      id: r.deliveryId,
      type: r.type,
      request: formatRequestNumber(r.requestNumber),
      state,
      attempts: r.attempts,
      statusCode: r.statusCode,
      error: r.attemptError ?? (state === "delivered" ? null : r.lastError),
      attemptedAt: iso(r.attemptedAt),
      durationMs: r.durationMs,
      nextAttemptAt: state === "pending" ? iso(r.availableAt) : null,
      createdAt: new Date(r.eventAt).toISOString(),
    };
  });
}

/**
 * Delivers one delivery again, with the same id and body (a receiver that already
 * handled it recognises it by KVStore-Delivery). A delivered or given-up one starts over
 * with a fresh 24 h of retries; a pending one is tried now rather than at its next
 * backoff. 409 while an attempt is under way.
 */
export async function redeliverWebhook(user: SessionUser, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
  requireAdmin(user);
  await requireEndpoint(endpointId);
  const item = await db.outboxItem.findUnique({ where: { deliveryId } });
  if (!item || item.channel !== WEBHOOK_CHANNEL || item.target !== endpointId) throw ApiError.notFound("The delivery");
  const now = new Date();
  const free = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const { count } = await db.outboxItem.updateMany({
    where: { id: item.id, ...free },
    data:
      item.deliveredAt || item.failedAt
        ? { deliveredAt: null, failedAt: null, lastError: null, attempts: 0, availableAt: now, createdAt: now, leaseOwner: null, leaseUntil: null }
        : { availableAt: now },
  });
  if (count === 0) throw new ApiError("CONFLICT", "This delivery is being attempted right now; look again in a few seconds.");
  return (await readDeliveries(endpointId, deliveryId))[0]!;
}
