import { createEventBus, eventIdMaker, type EventTransport, type StreamItem } from "@/lib/events/event-bus";
import { inProcessTransport } from "@/lib/events/in-process-transport";
import type { BusEvent, BusMessage } from "@/lib/events/event-ring";

const change = (n: number): BusEvent => ({ type: "request.changed", number: `KV-${n}`, version: 1 });
const numbers = (items: StreamItem[]) => items.map((i) => (i.kind === "event" && i.event.type === "request.changed" ? i.event.number : i.kind));

describe("the live bus on its in-process transport", () => {
  it("delivers each event once to every subscriber, with ids", () => {
    const bus = createEventBus(inProcessTransport());
    const a: string[] = [];
    const b: string[] = [];
    const offA = bus.subscribe((e) => a.push(e.id));
    bus.subscribe((e) => b.push(e.id));
    bus.publish(change(1));
    offA();
    bus.publish(change(2));
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    expect(new Set(b).size).toBe(2);
    expect(b[0]).toBe(a[0]);
    expect(bus.head()).toBe(b[1]);
  });

  it("opens a stream after an id: the missed events, then live ones, no gap and no duplicate", () => {
    const bus = createEventBus(inProcessTransport());
    bus.publish(change(1));
    const since = bus.head();
    bus.publish(change(2));
    bus.publish(change(3));
    const got: StreamItem[] = [];
    const close = bus.open(since, (item) => got.push(item));
    bus.publish(change(4));
    close();
    bus.publish(change(5));
    expect(numbers(got)).toEqual(["KV-2", "KV-3", "KV-4"]);
    expect(got.at(-1)!.id).not.toBe(since);
  });

  it("announces a write's events only once it committed (in-process: no statements for the transaction)", () => {
    const bus = createEventBus(inProcessTransport());
    const got: string[] = [];
    bus.subscribe((e) => got.push((e.event as { number: string }).number));
    const announced = bus.withCommit([change(1), change(2)]);
    expect(announced.statements).toEqual([]);
    expect(got).toEqual([]);
    announced.committed();
    expect(got).toEqual(["KV-1", "KV-2"]);
    bus.withCommit([change(3)]); // rolled back: committed() never called
    expect(got).toEqual(["KV-1", "KV-2"]);
  });

  it("a page rendered before the first event resumes from the start mark", () => {
    const bus = createEventBus(inProcessTransport());
    const rendered = bus.head();
    bus.publish(change(1));
    const got: StreamItem[] = [];
    bus.open(rendered, (item) => got.push(item));
    expect(numbers(got)).toEqual(["KV-1"]);
  });

  it("an unknown or forgotten id gets one resync carrying the current position, then live events", () => {
    const bus = createEventBus(inProcessTransport(), { capacity: 2 });
    bus.publish(change(1));
    const old = bus.head();
    for (const n of [2, 3, 4]) bus.publish(change(n));
    for (const since of [old, "made-up"]) {
      const got: StreamItem[] = [];
      const close = bus.open(since, (item) => got.push(item));
      bus.publish(change(9));
      close();
      expect(numbers(got)).toEqual(["resync", "KV-9"]);
      expect(got[0]!.id).not.toBe(since);
    }
  });

  it("without an id, a stream learns its position and hears live events only", () => {
    const bus = createEventBus(inProcessTransport());
    bus.publish(change(1));
    const got: StreamItem[] = [];
    bus.open(undefined, (item) => got.push(item));
    bus.publish(change(2));
    expect(got[0]).toEqual({ kind: "position", id: expect.any(String) });
    expect(numbers(got)).toEqual(["position", "KV-2"]);
  });

  it("live events that arrive while a replay is being sent follow it, in order, once", () => {
    // A transport that delivers the first publish while the bus is busy sending a replay.
    let deliver: (m: BusMessage) => void = () => {};
    const transport: EventTransport = {
      start: (h) => void (deliver = h.onMessage),
      publish: (m) => deliver(m),
      listening: () => true,
      close: async () => {},
    };
    const bus = createEventBus(transport);
    const since = bus.head();
    bus.publish(change(1));
    bus.publish(change(2));
    const got: StreamItem[] = [];
    let once = true;
    bus.open(since, (item) => {
      got.push(item);
      if (once) {
        once = false;
        bus.publish(change(3)); // arrives mid-replay
      }
    });
    expect(numbers(got)).toEqual(["KV-1", "KV-2", "KV-3"]);
  });

  it("when the transport reports a gap, open streams resync and older ids no longer resume", () => {
    let handlers: Parameters<EventTransport["start"]>[0] | undefined;
    const transport: EventTransport = {
      start: (h) => void (handlers = h),
      publish: (m) => handlers!.onMessage(m),
      listening: () => true,
      close: async () => {},
    };
    const bus = createEventBus(transport);
    bus.publish(change(1));
    const before = bus.head();
    const got: StreamItem[] = [];
    bus.open(before, (item) => got.push(item));
    handlers!.onGap();
    expect(got).toEqual([{ kind: "resync", id: bus.head() }]);
    const later: StreamItem[] = [];
    bus.open(before, (item) => later.push(item));
    expect(numbers(later)).toEqual(["resync"]);
  });

  it("ready() waits for the transport's first listen, boundedly; a stream opened then resumes without a resync", async () => {
    let handlers: Parameters<EventTransport["start"]>[0] | undefined;
    let up = false;
    const transport: EventTransport = {
      start: (h) => void (handlers = h),
      publish: (m) => handlers!.onMessage(m),
      listening: () => up,
      close: async () => {},
    };
    const bus = createEventBus(transport);
    const started = Date.now();
    await bus.ready(50); // never listening yet: gives up after the bound
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    let resolved = false;
    const ready = bus.ready(10_000).then(() => void (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    up = true;
    handlers!.onGap(); // the first LISTEN: the ring starts over
    await ready;
    const since = bus.head();
    bus.publish(change(1));
    expect(numbers(collectFrom(bus, since))).toEqual(["KV-1"]);
    await bus.ready(10_000); // listening: at once
  });

  it("makes ids unique per instance and counter", () => {
    const a = eventIdMaker("aaaa");
    const b = eventIdMaker("bbbb");
    const all = [a(), a(), b(), b()];
    expect(new Set(all).size).toBe(4);
    expect(all[0]).toMatch(/^[0-9a-z]+-aaaa-0$/);
  });
});

function collectFrom(bus: ReturnType<typeof createEventBus>, since: string): StreamItem[] {
  const got: StreamItem[] = [];
  bus.open(since, (item) => got.push(item))();
  return got;
}
