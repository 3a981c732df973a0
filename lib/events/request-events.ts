// Notifications that a request (or someone's inbox) changed, fanned out to open event
// streams (GET /api/events) on every instance of the app: through this process alone on
// SQLite, through PostgreSQL's LISTEN/NOTIFY on PostgreSQL (lib/events/event-bus.ts has
// the ids, the replay after a reconnect and the resync).
import "server-only";
import type { RequestChangedEvent } from "@/lib/schemas/request";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { createEventBus, type EventBus, type StreamItem } from "@/lib/events/event-bus";
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

export function publishRequestChanged(number: string, version: number) {
  bus().publish({ type: "request.changed", number, version });
}

export function subscribeToRequestChanges(listener: (event: RequestChangedEvent) => void): () => void {
  return bus().subscribe(({ event }) => {
    if (event.type === "request.changed") listener(event);
  });
}

/** Someone's inbox changed (a new notification, or read ones): their open pages refresh the bell. */
export function publishInboxChanged(userId: string) {
  bus().publish({ type: "inbox.changed", userId });
}

export function subscribeToInboxChanges(listener: (userId: string) => void): () => void {
  return bus().subscribe(({ event }) => {
    if (event.type === "inbox.changed") listener(event.userId);
  });
}

/** The id of the newest event: a page rendered now passes it to its first stream connection. */
export function currentEventId(): string {
  return bus().head();
}

/** A stream resumed after `lastEventId` (see EventBus.open). Returns the unsubscribe. */
export function openEventStream(lastEventId: string | undefined, send: (item: StreamItem) => void): () => void {
  return bus().open(lastEventId, send);
}
