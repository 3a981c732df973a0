// The outbox's SQL, written once for SQLite and PostgreSQL as writes (lib/db/sql/reads.ts)
// that run inside a write transaction the caller holds (the worker's `transaction`).
// Every step a worker takes is conditioned on its lease, so a worker whose lease ran out
// (it hung, or was presumed dead) can no longer mark or reschedule an item someone else
// has claimed since.
import type { Dialect } from "@/lib/db/sql/dialect";
import { rows, run, type Read } from "@/lib/db/sql/reads";
import { isoFromSqlite } from "@/lib/data/requests/list-query/page";
import { EVENT_CHANNEL, type RequestDomainEvent } from "@/lib/outbox/events";
import type { OutboxItemRow, PlannedItem, Planner, RetryPolicy } from "@/lib/outbox/registry";

const COLUMNS = `"id", "channel", "deliveryId", "requestNumber", "orderKey", "target", "payload", "attempts", "createdAt"`;

/** One place for a claimed row's encodings: PostgreSQL gives its createdAt as a Date. */
const itemOf = (r: OutboxItemRow): OutboxItemRow => ({ ...r, createdAt: isoFromSqlite(r.createdAt) });

/**
 * Leases up to `limit` due items of the given channels to `owner` until now + leaseMs,
 * oldest first, and counts the attempt. One UPDATE … RETURNING, so two workers (threads,
 * processes, instances) never lease the same item: on SQLite one writer runs at a time;
 * on PostgreSQL each claim locks the rows it picks and skips those another claim holds
 * (dialect.skipLockedRows). Due: not delivered, not given up, its time has come, nobody's
 * lease is running, and no earlier item of its order key is still pending.
 */
export function* claimDue(
  d: Dialect,
  { owner, channels, limit, now, leaseMs }: { owner: string; channels: string[]; limit: number; now: Date; leaseMs: number },
): Read<OutboxItemRow[]> {
  if (limit <= 0 || channels.length === 0) return [];
  const at = d.dateParam(now);
  const claimed = yield* rows<OutboxItemRow>(
    `UPDATE "OutboxItem" SET "leaseOwner" = ?, "leaseUntil" = ?, "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT o."id" FROM "OutboxItem" o
       WHERE o."deliveredAt" IS NULL AND o."failedAt" IS NULL AND o."availableAt" <= ?
         AND (o."leaseUntil" IS NULL OR o."leaseUntil" < ?)
         AND o."channel" IN (${channels.map(() => "?").join(", ")})
         AND (o."orderKey" IS NULL OR NOT EXISTS (
           SELECT 1 FROM "OutboxItem" p
           WHERE p."orderKey" = o."orderKey" AND p."id" < o."id" AND p."deliveredAt" IS NULL AND p."failedAt" IS NULL))
       ORDER BY o."id" LIMIT ? ${d.skipLockedRows})
     RETURNING ${COLUMNS}`,
    [owner, d.dateParam(new Date(now.getTime() + leaseMs)), at, at, ...channels, limit],
  );
  // RETURNING promises no order; the worker fans events out oldest first.
  return claimed.map(itemOf).sort((a, b) => a.id - b.id);
}

/** Extends this worker's leases on the items it is still delivering (a heartbeat); how many it still held. */
export function* renewLeases(d: Dialect, owner: string, ids: number[], until: Date): Read<number> {
  if (ids.length === 0) return 0;
  return yield* run(
    `UPDATE "OutboxItem" SET "leaseUntil" = ? WHERE "leaseOwner" = ? AND "deliveredAt" IS NULL AND "id" IN (${ids.map(() => "?").join(", ")})`,
    [d.dateParam(until), owner, ...ids],
  );
}

/** Delivered; false when the lease was lost meanwhile (another worker has the item now). */
export function* markDelivered(d: Dialect, id: number, owner: string, now: Date): Read<boolean> {
  const changed = yield* run(
    `UPDATE "OutboxItem" SET "deliveredAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL, "lastError" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "deliveredAt" IS NULL`,
    [d.dateParam(now), id, owner],
  );
  return changed === 1;
}

/** When the next attempt may run, or null: give up (the horizon has passed). Exponential, capped. */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, createdAt: Date, now: Date): Date | null {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const next = new Date(now.getTime() + delay);
  return next.getTime() - createdAt.getTime() > policy.giveUpAfterMs ? null : next;
}

/** A failed attempt: retry later, or give up; records the error either way. */
export function* markFailed(
  d: Dialect,
  item: OutboxItemRow,
  owner: string,
  { policy, now, error }: { policy: RetryPolicy; now: Date; error: string },
): Read<"retry" | "gave-up" | "lost-lease"> {
  const next = nextAttemptAt(policy, item.attempts, new Date(item.createdAt), now);
  // One of the two dates is set, the other keeps its value: no untyped NULL parameter
  // (PostgreSQL could not tell its type).
  const changed = yield* run(
    `UPDATE "OutboxItem" SET ${next ? `"availableAt" = ?` : `"failedAt" = ?`}, "lastError" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL
     WHERE "id" = ? AND "leaseOwner" = ? AND "deliveredAt" IS NULL`,
    [d.dateParam(next ?? now), error.slice(0, 2000), item.id, owner],
  );
  if (changed === 0) return "lost-lease";
  return next ? "retry" : "gave-up";
}

const INSERT_SQL = `INSERT INTO "OutboxItem" ("channel", "deliveryId", "requestNumber", "orderKey", "target", "payload", "availableAt", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("deliveryId") DO NOTHING`;

type NewItem = {
  channel: string;
  deliveryId: string;
  requestNumber?: number | null;
  orderKey?: string | null;
  target?: string | null;
  payload: unknown;
  now: Date;
};

/** Inserts an item unless one with its delivery id exists; true when this call inserted it. */
function* insertItem(d: Dialect, { channel, deliveryId, requestNumber, orderKey, target, payload, now }: NewItem): Read<boolean> {
  const at = d.dateParam(now);
  return (yield* run(INSERT_SQL, [channel, deliveryId, requestNumber ?? null, orderKey ?? null, target ?? null, JSON.stringify(payload), at, at])) === 1;
}

/**
 * Fans a claimed domain event out: each planner's items are inserted (a repeat inserts
 * nothing: delivery ids are unique) and the event is marked delivered, in the caller's
 * one transaction. Returns how many items were planned, or null if the lease was lost.
 */
export function* fanOut(d: Dialect, item: OutboxItemRow, owner: string, now: Date, planners: ReadonlyMap<string, Planner>): Read<number | null> {
  if (!(yield* markDelivered(d, item.id, owner, now))) return null;
  const event = JSON.parse(item.payload) as RequestDomainEvent;
  let planned = 0;
  for (const [channel, plan] of planners) {
    const items: PlannedItem[] = yield* plan(event, d);
    for (const p of items) {
      yield* insertItem(d, {
        channel,
        deliveryId: `${item.deliveryId}:${channel}:${p.key}`,
        requestNumber: event.requestNumber,
        orderKey: p.orderKey,
        target: p.target,
        payload: p.payload,
        now,
      });
      planned += 1;
    }
  }
  return planned;
}

/**
 * An item that is not about one request's change (the daily digest): inserted once per
 * delivery id, however many workers try (the unique index and ON CONFLICT DO NOTHING, on
 * both databases). True when this call inserted it.
 */
export function* enqueueOnce(
  d: Dialect,
  item: { channel: string; deliveryId: string; target?: string | null; orderKey?: string | null; payload: unknown; now: Date },
): Read<boolean> {
  return yield* insertItem(d, item);
}

export const isEventItem = (item: OutboxItemRow) => item.channel === EVENT_CHANNEL;
