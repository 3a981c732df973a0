// Writes a domain event into the outbox inside the caller's transaction: the change and
// its notifications commit together or not at all. Two shapes of transaction write
// requests here: Prisma's interactive transactions and the direct better-sqlite3
// connection of the group commit (create-request.ts); both insert the same row.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";
import { EVENT_CHANNEL, eventOrderKey, type RequestDomainEvent } from "@/lib/outbox/events";

export type OutboxEventRow = {
  channel: string;
  deliveryId: string;
  requestNumber: number;
  orderKey: string;
  payload: string;
  availableAt: Date;
  createdAt: Date;
};

export function outboxEventRow(event: RequestDomainEvent): OutboxEventRow {
  const at = new Date(event.at);
  return {
    channel: EVENT_CHANNEL,
    deliveryId: `evt_${randomUUID()}`,
    requestNumber: event.requestNumber,
    orderKey: eventOrderKey(event.requestNumber),
    payload: JSON.stringify(event),
    availableAt: at,
    createdAt: at,
  };
}

/** In a Prisma transaction (`db.$transaction(async (tx) => …)`). */
export async function enqueueRequestEvent(tx: Prisma.TransactionClient, ...events: RequestDomainEvent[]): Promise<void> {
  if (events.length) await tx.outboxItem.createMany({ data: events.map(outboxEventRow) });
}

const INSERT_SQL = `INSERT INTO "OutboxItem" ("channel", "deliveryId", "requestNumber", "orderKey", "payload", "availableAt", "createdAt") VALUES (@channel, @deliveryId, @requestNumber, @orderKey, @payload, @availableAt, @createdAt)`;

/** On a better-sqlite3 connection whose transaction the caller owns. */
export function enqueueRequestEventSync(sqlite: Database.Database, ...events: RequestDomainEvent[]): void {
  const insert = sqlite.prepare(INSERT_SQL);
  for (const event of events) {
    const row = outboxEventRow(event);
    insert.run({ ...row, availableAt: sqliteDateTime(row.availableAt), createdAt: sqliteDateTime(row.createdAt) });
  }
}
