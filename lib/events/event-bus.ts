// The live bus: events that something changed, shared by every instance of the app through
// a transport (lib/events/in-process-transport.ts on SQLite, postgres-transport.ts on
// PostgreSQL), with a ring of the recent past (event-ring.ts) so streams can resume.
//
// Ids are "<ms timestamp>-<instance>-<counter>" (base 36), made by the publisher: unique
// across instances without any schema (no sequence, no migration). They are never
// compared: order is arrival order, the same on every instance (see event-ring.ts). A
// PostgreSQL sequence would not order better (nextval order is not commit order) and
// would need a migration. Every instance, the publisher included, receives each event
// once, from the transport; nothing is delivered locally on the side.
//
// When the transport may have missed events (PostgreSQL's listening connection dropped
// and came back), the ring starts over and every open stream is told to resync. A stream
// opened (or a page's position taken) before the transport first listens waits for it,
// briefly (ready()): the first LISTEN starts the ring over too, and would resync it.
//
// A write announces its changes as part of its own transaction (withCommit): a transport
// that can (PostgreSQL: pg_notify inside the transaction, delivered exactly when, and
// only if, it commits) gives statements for that transaction to run; one that cannot
// (in-process) delivers them after the commit. So no announcement depends on code
// running after a commit on a database that other instances share.
import { randomBytes } from "node:crypto";
import { EventRing, type BusEvent, type BusMessage, type RingEntry, type RingOptions } from "@/lib/events/event-ring";

export interface EventTransport {
  /** Starts receiving. onMessage: every event published on any instance (this one too). onGap: events may have been missed. */
  start(handlers: { onMessage: (message: BusMessage) => void; onGap: () => void }): void;
  /** Sends to every instance; fire and forget (a failure is the transport's to log). */
  publish(message: BusMessage): void;
  /**
   * The statement a write's own transaction runs to send `message` with its commit, or
   * null when it is not sent (too large). Absent: the transport delivers after the commit.
   */
  inTransaction?(message: BusMessage): SqlStatement | null;
  /** Whether events are being received right now. */
  listening(): boolean;
  close(): Promise<void>;
}

/** One statement with `?` or `$n` placeholders (lib/db/sql/reads.ts, Prisma's raw queries). */
export type SqlStatement = { sql: string; params: unknown[] };

/** A write's announcements: statements to run inside its transaction, and what to do once it committed. */
export type Announcements = { statements: SqlStatement[]; committed(): void };

/** What a stream sends: an event, "refetch everything" (events were lost), or just its position. */
export type StreamItem = { kind: "event"; id: string; event: BusEvent } | { kind: "resync"; id: string } | { kind: "position"; id: string };

export type EventBus = {
  /** Sends now, outside any write (fire and forget). */
  publish(event: BusEvent): void;
  /** Announces the events of one write transaction (see the module header). */
  withCommit(events: BusEvent[]): Announcements;
  /** Resolves once the transport listens, or after `timeoutMs` (then a stream may get one resync). */
  ready(timeoutMs?: number): Promise<void>;
  /** Every live arrival (no replay). */
  subscribe(listener: (entry: RingEntry) => void): () => void;
  /**
   * A stream from `lastEventId` on: what arrived after it (or one resync when it is not
   * held), then live events, with no gap and no duplicate. Without an id: the position
   * now, then live events.
   */
  open(lastEventId: string | undefined, send: (item: StreamItem) => void): () => void;
  /** The newest event's id: a page rendered now hands it to its stream. */
  head(): string;
  listening(): boolean;
  close(): Promise<void>;
};

/** Ids unique across instances: time, a random instance tag, a counter. */
export function eventIdMaker(instance = randomBytes(4).toString("hex")): () => string {
  let counter = 0;
  return () => `${Date.now().toString(36)}-${instance}-${(counter++).toString(36)}`;
}

export function createEventBus(transport: EventTransport, options: RingOptions & { nextId?: () => string } = {}): EventBus {
  const nextId = options.nextId ?? eventIdMaker();
  const ring = new EventRing(nextId(), options);
  const live = new Set<(entry: RingEntry) => void>();
  const gapListeners = new Set<(mark: string) => void>();
  const waitingForListen = new Set<() => void>();

  transport.start({
    onMessage(message) {
      const entry = ring.push(message);
      if (!entry) return;
      for (const listener of live) listener(entry);
    },
    onGap() {
      const mark = nextId();
      ring.reset(mark);
      for (const listener of gapListeners) listener(mark);
      for (const wake of waitingForListen) wake();
    },
  });

  const subscribe = (listener: (entry: RingEntry) => void) => {
    live.add(listener);
    return () => void live.delete(listener);
  };

  return {
    publish: (event) => transport.publish({ id: nextId(), event }),
    withCommit(events) {
      const messages = events.map((event) => ({ id: nextId(), event }));
      const inTransaction = transport.inTransaction?.bind(transport);
      if (!inTransaction) return { statements: [], committed: () => messages.forEach((m) => transport.publish(m)) };
      return { statements: messages.map(inTransaction).filter((s) => s !== null), committed: () => {} };
    },
    ready(timeoutMs = 3_000) {
      if (transport.listening()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waitingForListen.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        waitingForListen.add(wake);
      });
    },
    subscribe,
    open(lastEventId, send) {
      // Subscribe first, then replay, then pass on only live events newer than the replay
      // (any that arrive while it is being sent wait their turn).
      let replaying = true;
      const waiting: RingEntry[] = [];
      const forward = (entry: RingEntry) => send({ kind: "event", id: entry.id, event: entry.event });
      const unsubscribe = subscribe((entry) => {
        if (replaying) waiting.push(entry);
        else forward(entry);
      });
      const onGap = (mark: string) => send({ kind: "resync", id: mark });
      gapListeners.add(onGap);
      const replayedUpTo = ring.lastSeq();
      if (lastEventId === undefined) {
        send({ kind: "position", id: ring.head() });
      } else {
        const resume = ring.since(lastEventId);
        if (resume.kind === "resync") send({ kind: "resync", id: ring.head() });
        else resume.entries.forEach(forward);
      }
      replaying = false;
      waiting.filter((entry) => entry.seq > replayedUpTo).forEach(forward);
      return () => {
        unsubscribe();
        gapListeners.delete(onGap);
      };
    },
    head: () => ring.head(),
    listening: () => transport.listening(),
    close: () => transport.close(),
  };
}
