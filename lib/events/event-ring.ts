// The recent past of the live bus, so a client that reconnects gets what it missed. Pure
// (no I/O, no clock but the one given) so its rules are tested directly.
//
// Entries are kept in the order they ARRIVED here, not by their ids: every instance reads
// the same transport in the same order (one process's emitter; PostgreSQL's single
// notification queue, delivered in commit order to every listener), so "the events after
// id X" are the same set on every instance that holds X. An id is looked up, never
// compared. The ring forgets the oldest entries past a count or an age; an id it does not
// hold (forgotten, from before this process listened, or made up) answers "resync".
import type { RequestChangedEvent } from "@/lib/schemas/request";

/** Someone's inbox changed; only that person's streams hear of it. */
export type InboxChangedEvent = { type: "inbox.changed"; userId: string };

export type BusEvent = RequestChangedEvent | InboxChangedEvent;

/** One event as the transport carries it: its id is given once, by the publisher. */
export type BusMessage = { id: string; event: BusEvent };

/** A message with its place in this process's arrival order. */
export type RingEntry = BusMessage & { seq: number; at: number };

export type Resume = { kind: "replay"; entries: RingEntry[] } | { kind: "resync" };

export type RingOptions = { capacity?: number; maxAgeMs?: number; now?: () => number };

export const RING_CAPACITY = 2_000;
export const RING_MAX_AGE_MS = 10 * 60_000;

export class EventRing {
  private entries: RingEntry[] = [];
  private seqById = new Map<string, number>();
  private nextSeq = 1;
  /** Stands for "just before the oldest entry": a clean start, or the last entry forgotten. */
  private mark: string;
  private readonly capacity: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(mark: string, { capacity = RING_CAPACITY, maxAgeMs = RING_MAX_AGE_MS, now = Date.now }: RingOptions = {}) {
    this.mark = mark;
    this.capacity = capacity;
    this.maxAgeMs = maxAgeMs;
    this.now = now;
  }

  /** Appends an arrival; returns it with its sequence number. A repeated id is ignored (null). */
  push(message: BusMessage): RingEntry | null {
    if (this.seqById.has(message.id) || message.id === this.mark) return null;
    const entry: RingEntry = { ...message, seq: this.nextSeq++, at: this.now() };
    this.entries.push(entry);
    this.seqById.set(entry.id, entry.seq);
    this.prune();
    return entry;
  }

  /** The id of the newest arrival (or the mark when there is none): "everything up to here". */
  head(): string {
    return this.entries.at(-1)?.id ?? this.mark;
  }

  /** Highest sequence number handed out so far (0 before the first arrival). */
  lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Everything that arrived after `id`, oldest first; resync when `id` is not held. */
  since(id: string): Resume {
    this.prune();
    if (id === this.mark) return { kind: "replay", entries: [...this.entries] };
    const seq = this.seqById.get(id);
    if (seq === undefined) return { kind: "resync" };
    const first = this.entries[0]!.seq; // seqById is never non-empty while entries is empty
    return { kind: "replay", entries: this.entries.slice(seq - first + 1) };
  }

  /** Forgets everything: events may have been missed, so no older id may be resumed from. */
  reset(mark: string) {
    this.entries = [];
    this.seqById.clear();
    this.mark = mark;
  }

  private prune() {
    const oldest = this.now() - this.maxAgeMs;
    let drop = Math.max(0, this.entries.length - this.capacity);
    while (drop < this.entries.length && this.entries[drop]!.at < oldest) drop++;
    if (drop === 0) return;
    for (const entry of this.entries.slice(0, drop)) this.seqById.delete(entry.id);
    this.mark = this.entries[drop - 1]!.id;
    this.entries = this.entries.slice(drop);
  }
}
