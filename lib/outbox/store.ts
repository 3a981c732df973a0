// The outbox's SQL, on a better-sqlite3 connection inside a write transaction the caller
// holds (inWriteTransaction, or a test's own connection). Every step a worker takes is
// conditioned on its lease, so a worker whose lease ran out (it hung, or was presumed
// dead) can no longer mark or reschedule an item someone else has claimed since.
import type Database from "better-sqlite3";
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";
import { EVENT_CHANNEL, type RequestDomainEvent } from "@/lib/outbox/events";
import type { OutboxItemRow, PlannedItem, RetryPolicy } from "@/lib/outbox/registry";

const COLUMNS = `"id", "channel", "deliveryId", "requestNumber", "orderKey", "target", "payload", "attempts", "createdAt"`;

/**
 * Leases up to `limit` due items of the given channels to `owner` until now + leaseMs,
 * oldest first, and counts the attempt. One UPDATE … RETURNING: SQLite runs one writer at
 * a time, so two workers (threads or processes) never lease the same item. Due: not
 * delivered, not given up, its time has come, nobody's lease is running, and no earlier
 * item of its order key is still pending.
 */
export function claimDue(
  sqlite: Database.Database,
  { owner, channels, limit, now, leaseMs }: { owner: string; channels: string[]; limit: number; now: Date; leaseMs: number },
): OutboxItemRow[] {
  if (limit <= 0 || channels.length === 0) return [];
  const at = sqliteDateTime(now);
  return sqlite
    .prepare(
      `UPDATE "OutboxItem" SET "leaseOwner" = ?, "leaseUntil" = ?, "attempts" = "attempts" + 1
       WHERE "id" IN (
         SELECT o."id" FROM "OutboxItem" o
         WHERE o."deliveredAt" IS NULL AND o."failedAt" IS NULL AND o."availableAt" <= ?
           AND (o."leaseUntil" IS NULL OR o."leaseUntil" < ?)
           AND o."channel" IN (${channels.map(() => "?").join(", ")})
           AND (o."orderKey" IS NULL OR NOT EXISTS (
             SELECT 1 FROM "OutboxItem" p
             WHERE p."orderKey" = o."orderKey" AND p."id" < o."id" AND p."deliveredAt" IS NULL AND p."failedAt" IS NULL))
         ORDER BY o."id" LIMIT ?)
       RETURNING ${COLUMNS}`,
    )
    .all(owner, sqliteDateTime(new Date(now.getTime() + leaseMs)), at, at, ...channels, limit) as OutboxItemRow[];
}

/** Extends this worker's leases on the items it is still delivering (a heartbeat); how many it still held. */
export function renewLeases(sqlite: Database.Database, owner: string, ids: number[], until: Date): number {
  if (ids.length === 0) return 0;
  return sqlite
    .prepare(`UPDATE "OutboxItem" SET "leaseUntil" = ? WHERE "leaseOwner" = ? AND "deliveredAt" IS NULL AND "id" IN (${ids.map(() => "?").join(", ")})`)
    .run(sqliteDateTime(until), owner, ...ids).changes;
}

/** Delivered; false when the lease was lost meanwhile (another worker has the item now). */
export function markDelivered(sqlite: Database.Database, id: number, owner: string, now: Date): boolean {
  return (
    sqlite
      .prepare(
        `UPDATE "OutboxItem" SET "deliveredAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL, "lastError" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "deliveredAt" IS NULL`,
      )
      .run(sqliteDateTime(now), id, owner).changes === 1
  );
}

/** When the next attempt may run, or null: give up (the horizon has passed). Exponential, capped. */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, createdAt: Date, now: Date): Date | null {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const next = new Date(now.getTime() + delay);
  return next.getTime() - createdAt.getTime() > policy.giveUpAfterMs ? null : next;
}

/** A failed attempt: retry later, or give up; records the error either way. */
export function markFailed(
  sqlite: Database.Database,
  item: OutboxItemRow,
  owner: string,
  { policy, now, error }: { policy: RetryPolicy; now: Date; error: string },
): "retry" | "gave-up" | "lost-lease" {
  const next = nextAttemptAt(policy, item.attempts, new Date(item.createdAt), now);
  const changed = sqlite
    .prepare(
      `UPDATE "OutboxItem" SET "availableAt" = COALESCE(?, "availableAt"), "failedAt" = ?, "lastError" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL
       WHERE "id" = ? AND "leaseOwner" = ? AND "deliveredAt" IS NULL`,
    )
    .run(next ? sqliteDateTime(next) : null, next ? null : sqliteDateTime(now), error.slice(0, 2000), item.id, owner).changes;
  if (changed === 0) return "lost-lease";
  return next ? "retry" : "gave-up";
}

const INSERT_PLANNED_SQL = `INSERT INTO "OutboxItem" ("channel", "deliveryId", "requestNumber", "orderKey", "target", "payload", "availableAt", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("deliveryId") DO NOTHING`;

/**
 * Fans a claimed domain event out: each planner's items are inserted (a repeat inserts
 * nothing: delivery ids are unique) and the event is marked delivered, in the caller's
 * one transaction. Returns how many items were planned, or null if the lease was lost.
 */
export function fanOut(
  sqlite: Database.Database,
  item: OutboxItemRow,
  owner: string,
  now: Date,
  planners: ReadonlyMap<string, (event: RequestDomainEvent, sqlite: Database.Database) => PlannedItem[]>,
): number | null {
  if (!markDelivered(sqlite, item.id, owner, now)) return null;
  const event = JSON.parse(item.payload) as RequestDomainEvent;
  const insert = sqlite.prepare(INSERT_PLANNED_SQL);
  const at = sqliteDateTime(now);
  let planned = 0;
  for (const [channel, plan] of planners) {
    for (const p of plan(event, sqlite)) {
      insert.run(
        channel,
        `${item.deliveryId}:${channel}:${p.key}`,
        event.requestNumber,
        p.orderKey ?? null,
        p.target ?? null,
        JSON.stringify(p.payload),
        at,
        at,
      );
      planned += 1;
    }
  }
  return planned;
}

/**
 * An item that is not about one request's change (the daily digest): inserted once per
 * delivery id, however many workers try. True when this call inserted it.
 */
export function enqueueOnce(
  sqlite: Database.Database,
  { channel, deliveryId, target, payload, now }: { channel: string; deliveryId: string; target?: string | null; payload: unknown; now: Date },
): boolean {
  const at = sqliteDateTime(now);
  return sqlite.prepare(INSERT_PLANNED_SQL).run(channel, deliveryId, null, null, target ?? null, JSON.stringify(payload), at, at).changes === 1;
}

export const isEventItem = (item: OutboxItemRow) => item.channel === EVENT_CHANNEL;
