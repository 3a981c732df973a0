// Drains the outbox: leases due items in the database (store.ts), fans domain events out
// to the channels' items, delivers those with each channel's deliverer, and marks them
// delivered or reschedules them with backoff. It runs in the app process (started from
// instrumentation.ts) or on its own (`npm run worker`), any number at once: leases keep
// two workers off one item, and an item whose worker died is taken again once its lease
// runs out, so a crash between commit and delivery loses nothing (delivery is at least
// once; receivers de-duplicate by delivery id).
// Delivery runs beside the app's requests, never in them: at most `concurrency` items at
// once, each bounded by its channel's timeout, and the database work is a few short
// statements in one write transaction (writeDatabase: SQLite's inWriteTransaction, which
// waits for the lock without blocking, or a PostgreSQL transaction).
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Dialect } from "@/lib/db/sql/dialect";
import type { Read } from "@/lib/db/sql/reads";
import { EVENT_CHANNEL } from "@/lib/outbox/events";
import { DEFAULT_POLICY, deliverers, planners, type OutboxItemRow } from "@/lib/outbox/registry";
import { claimDue, fanOut, markDelivered, markFailed, renewLeases } from "@/lib/outbox/store";

/**
 * A claim lasts this long unless renewed: a running worker renews its leases every
 * HEARTBEAT_MS, so a killed one's items are taken over within LEASE_MS of its death,
 * however long a channel's attempts may take.
 */
export const LEASE_MS = 15_000;
const HEARTBEAT_MS = 5_000;
/** Domain events fanned out per transaction. */
const EVENT_BATCH = 100;

/** Runs a write (lib/db/sql/reads.ts) in one write transaction: writeDatabase, or a test's own connection. */
export type WriteTransaction = <T>(write: (dialect: Dialect) => Read<T>) => Promise<T>;

export type OutboxWorkerOptions = {
  /** Runs a write in one write transaction (the app's writeDatabase, or a test's connection). */
  transaction: WriteTransaction;
  /** Names this worker's leases (default: host, pid and a random part). */
  owner?: string;
  /** Items delivered at once. */
  concurrency?: number;
  /** How often it looks for due items when nothing nudges it. */
  pollMs?: number;
  now?: () => Date;
  onError?: (error: unknown, item?: OutboxItemRow) => void;
};

export class OutboxWorker {
  readonly owner: string;
  private readonly transaction: WriteTransaction;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly now: () => Date;
  private readonly onError: (error: unknown, item?: OutboxItemRow) => void;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leased = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(options: OutboxWorkerOptions) {
    this.transaction = options.transaction;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? (() => {});
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.nudge();
      this.timer = setTimeout(loop, this.pollMs);
      this.timer.unref();
    };
    loop();
    this.heartbeat = setInterval(() => void this.renew().catch((error) => this.onError(error)), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private async renew() {
    const ids = [...this.leased];
    if (ids.length) await this.transaction((d) => renewLeases(d, this.owner, ids, new Date(this.now().getTime() + LEASE_MS)));
  }

  /** Stops claiming, and waits for the deliveries under way. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Look for due items now (a change was just committed, a delivery finished). */
  nudge() {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.claimAndDispatch()
      .then(() => undefined)
      .catch((error) => this.onError(error))
      .finally(() => {
        this.ticking = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          // Through the macrotask queue: a transaction that gets the lock at once resolves
          // as a microtask, and a backlog drained in microtasks alone would starve every
          // request of the app (10,000 imported requests' events: a minute without I/O).
          setImmediate(() => this.nudge());
        }
      });
  }

  /**
   * Claims and delivers until nothing is due, for tests and scripts: resolves once every
   * item that was due (including what fanning out planned) is delivered or rescheduled.
   */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claimAndDispatch();
      await Promise.allSettled([...this.inFlight]);
      if (claimed === 0 && this.inFlight.size === 0) return;
    }
  }

  private async claimAndDispatch(): Promise<number> {
    const fannedOut = await this.fanOutBatch();
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return fannedOut;
    const channels = [...deliverers().keys()];
    const items = await this.transaction((d) => claimDue(d, { owner: this.owner, channels, limit: free, now: this.now(), leaseMs: LEASE_MS }));
    for (const item of items) {
      this.leased.add(item.id);
      const run = this.handle(item)
        .catch((error) => this.onError(error, item))
        .finally(() => {
          this.leased.delete(item.id);
          this.inFlight.delete(run);
          if (!this.stopped) setImmediate(() => this.nudge());
        });
      this.inFlight.add(run);
    }
    return fannedOut + items.length;
  }

  /**
   * Claims due domain events and fans them out in the same, one transaction (one sync to
   * disk for up to EVENT_BATCH events, not two per event). If a planner fails, that
   * transaction rolls back and the events go one by one, so only the failing one waits.
   */
  private async fanOutBatch(): Promise<number> {
    const claim = (d: Dialect) => claimDue(d, { owner: this.owner, channels: [EVENT_CHANNEL], limit: EVENT_BATCH, now: this.now(), leaseMs: LEASE_MS });
    const owner = this.owner;
    const now = () => this.now();
    try {
      return await this.transaction(function* (d) {
        const events = yield* claim(d);
        for (const event of events) yield* fanOut(d, event, owner, now(), planners());
        return events.length;
      });
    } catch {
      const events = await this.transaction(claim);
      for (const event of events) {
        try {
          await this.transaction((d) => fanOut(d, event, this.owner, this.now(), planners()));
        } catch (error) {
          await this.fail(event, DEFAULT_POLICY, error);
        }
      }
      return events.length;
    }
  }

  private async handle(item: OutboxItemRow): Promise<void> {
    const channel = deliverers().get(item.channel);
    if (!channel) return; // unregistered since the claim: its lease runs out and another worker takes it
    try {
      await withTimeout(channel.policy.timeoutMs, (signal) => channel.deliver(item, signal));
    } catch (error) {
      await this.fail(item, channel.policy, error);
      return;
    }
    await this.transaction((d) => markDelivered(d, item.id, this.owner, this.now()));
  }

  private async fail(item: OutboxItemRow, policy: typeof DEFAULT_POLICY, error: unknown) {
    this.onError(error, item);
    const message = error instanceof Error ? error.message : String(error);
    await this.transaction((d) => markFailed(d, item, this.owner, { policy, now: this.now(), error: message }));
  }
}

/** Runs `work` with a signal that aborts after `ms`; rejects then even if `work` ignores the signal. */
async function withTimeout(ms: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timed out after ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    await Promise.race([work(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
