// What the outbox delivers and to whom, registered by each channel:
//   a planner turns one domain event into the channel's items (recipients, endpoints…);
//   a deliverer delivers one item (throws to be retried).
// Channels register themselves in channels.ts; nothing else needs to change to add one.
import type { Dialect } from "@/lib/db/sql/dialect";
import type { Read } from "@/lib/db/sql/reads";
import type { RequestDomainEvent } from "@/lib/outbox/events";

export type PlannedItem = {
  /** Unique among this channel's items for one event: with the event it makes the delivery id. */
  key: string;
  target?: string | null;
  /** Delivered one after another, in order, with every other item of the same key (e.g. `webhook:<endpoint>:<request>`). */
  orderKey?: string | null;
  payload: unknown;
};

/**
 * Runs inside the worker's write transaction that marks the event fanned out, so it
 * reads the database as of that moment (watchers, endpoints, preferences). A read
 * (lib/db/sql/reads.ts) in the dialect given: synchronous on SQLite, and quick.
 */
export type Planner = (event: RequestDomainEvent, dialect: Dialect) => Read<PlannedItem[]>;

export type OutboxItemRow = {
  id: number;
  channel: string;
  deliveryId: string;
  requestNumber: number | null;
  orderKey: string | null;
  target: string | null;
  payload: string;
  attempts: number;
  /** ISO 8601. */
  createdAt: string;
};

export type RetryPolicy = {
  /** The first retry waits this long; each next one twice as long … */
  baseDelayMs: number;
  /** … up to this. */
  maxDelayMs: number;
  /** After this long since the item was written, a failure gives up (failedAt). */
  giveUpAfterMs: number;
  /** One attempt's limit: past it the attempt counts as failed (the deliverer gets an aborted signal). */
  timeoutMs: number;
};

export const DEFAULT_POLICY: RetryPolicy = { baseDelayMs: 5_000, maxDelayMs: 15 * 60_000, giveUpAfterMs: 24 * 60 * 60_000, timeoutMs: 15_000 };

export type Deliverer = (item: OutboxItemRow, signal: AbortSignal) => Promise<void>;

type Channel = { deliver: Deliverer; policy: RetryPolicy };

// Process-wide, like the event emitter: the same maps whichever bundle imports this.
const globalForOutbox = globalThis as unknown as { kvstoreOutbox?: { planners: Map<string, Planner>; channels: Map<string, Channel> } };
const registry = (globalForOutbox.kvstoreOutbox ??= { planners: new Map(), channels: new Map() });

/** The channel's planner: which items one domain event makes for it (none: return []). */
export function registerPlanner(channel: string, planner: Planner) {
  registry.planners.set(channel, planner);
}

/** The channel's deliverer and retry policy (webhooks: 24 h of retries, 10 s per attempt). */
export function registerDeliverer(channel: string, deliver: Deliverer, policy: Partial<RetryPolicy> = {}) {
  registry.channels.set(channel, { deliver, policy: { ...DEFAULT_POLICY, ...policy } });
}

export function unregisterChannel(channel: string) {
  registry.planners.delete(channel);
  registry.channels.delete(channel);
}

export const planners = (): ReadonlyMap<string, Planner> => registry.planners;
export const deliverers = (): ReadonlyMap<string, Channel> => registry.channels;
