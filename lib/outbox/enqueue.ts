// Writes a domain event into the outbox inside the caller's transaction: the change and
// its notifications commit together or not at all, in Prisma's interactive transactions.
// A new request's request.created row is written beside its insert, in the raw SQL that
// both databases and the bulk import's worker thread run (insert-request.ts).
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
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
