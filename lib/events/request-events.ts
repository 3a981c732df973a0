// Notifications that a request (or someone's inbox) changed, fanned out to open event
// streams (GET /api/events) on every instance of the app: through this process alone on
// SQLite, through PostgreSQL's LISTEN/NOTIFY on PostgreSQL (lib/events/event-bus.ts has
// the ids, the replay after a reconnect and the resync).
// Writes announce through announcingTransaction (Prisma's interactive transactions) or
// announcingWrite (lib/db/sql's generator writes): the announcement is part of the
// write's transaction on PostgreSQL and follows its commit on SQLite (event-bus.ts), so
// no write site knows which database it runs on.
import "server-only";
import type { RequestChangedEvent } from "@/lib/schemas/request";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { writeDatabase } from "@/lib/db/sql/database";
import { run, type Read } from "@/lib/db/sql/reads";
import type { Dialect } from "@/lib/db/sql/dialect";
import type { BusEvent } from "@/lib/events/event-ring";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { createEventBus, type Announcements, type EventBus, type StreamItem } from "@/lib/events/event-bus";
import { inProcessTransport } from "@/lib/events/in-process-transport";
import { postgresTransport } from "@/lib/events/postgres-transport";
import { logger } from "@/lib/observability/state";

// On globalThis: Next.js bundles routes separately, and every bundle must share one bus.
const globalForEvents = globalThis as unknown as { kvstoreEventBus?: EventBus };

function bus(): EventBus {
  return (globalForEvents.kvstoreEventBus ??= createEventBus(transportFor(env().DATABASE_URL)));
}

function transportFor(url: string) {
  if (databaseKind(url) === "sqlite") return inProcessTransport();
  return postgresTransport(url, { log: (message, error) => logger().warn({ err: error }, message) });
}

/** Starts listening now (at process start), so the first page and stream need not wait for it. */
export function startEventBus() {
  bus();
}

export const requestChanged = (number: string, version: number): BusEvent => ({ type: "request.changed", number, version });
/** Someone's inbox changed (a new notification, or read ones): their open pages refresh the bell. */
export const inboxChanged = (userId: string): BusEvent => ({ type: "inbox.changed", userId });

type Announce = (event: BusEvent) => void;

/** A Prisma interactive transaction whose `announce`d events are heard exactly when it commits. */
export async function announcingTransaction<T>(work: (tx: Prisma.TransactionClient, announce: Announce) => Promise<T>): Promise<T> {
  let announcements: Announcements | undefined;
  const result = await db.$transaction(async (tx) => {
    const events: BusEvent[] = [];
    const value = await work(tx, (event) => void events.push(event));
    announcements = bus().withCommit(events);
    for (const { sql, params } of announcements.statements) await tx.$executeRawUnsafe(sql, ...params);
    return value;
  });
  announcements?.committed();
  return result;
}

/** writeDatabase (lib/db/sql) whose `announce`d events are heard exactly when it commits. */
export async function announcingWrite<T>(write: (dialect: Dialect, announce: Announce) => Read<T>): Promise<T> {
  let announcements: Announcements | undefined;
  const result = await writeDatabase(function* (dialect) {
    const events: BusEvent[] = [];
    const value = yield* write(dialect, (event) => void events.push(event));
    announcements = bus().withCommit(events);
    for (const { sql, params } of announcements.statements) yield* run(sql, params);
    return value;
  });
  announcements?.committed();
  return result;
}

/**
 * For a write committed outside announcingWrite/announcingTransaction: SQLite's bulk
 * import, whose transaction runs on a worker thread. Sent after the commit, which on
 * SQLite loses nothing (the bus is in-process: a crash takes every listener with it).
 */
export function announceAfterCommit(event: BusEvent) {
  bus().publish(event);
}

export function subscribeToRequestChanges(listener: (event: RequestChangedEvent) => void): () => void {
  return bus().subscribe(({ event }) => {
    if (event.type === "request.changed") listener(event);
  });
}

export function subscribeToInboxChanges(listener: (userId: string) => void): () => void {
  return bus().subscribe(({ event }) => {
    if (event.type === "inbox.changed") listener(event.userId);
  });
}

/** The id of the newest event: a page rendered now passes it to its first stream connection. */
export async function currentEventId(): Promise<string> {
  await bus().ready();
  return bus().head();
}

/** Resolves once the bus listens (bounded): a stream opened before would start with a resync. */
export function eventBusReady(): Promise<void> {
  return bus().ready();
}

/** A stream resumed after `lastEventId` (see EventBus.open). Returns the unsubscribe. */
export function openEventStream(lastEventId: string | undefined, send: (item: StreamItem) => void): () => void {
  return bus().open(lastEventId, send);
}
