import { EventRing, type BusMessage } from "@/lib/events/event-ring";

const changed = (n: number): BusMessage => ({ id: `e${n}`, event: { type: "request.changed", number: `KV-${n}`, version: 1 } });
const ids = (resume: ReturnType<EventRing["since"]>) => (resume.kind === "replay" ? resume.entries.map((e) => e.id) : resume.kind);

describe("the live bus's ring of recent events", () => {
  it("replays what arrived after an id, in arrival order, whatever the ids look like", () => {
    const ring = new EventRing("start");
    // Ids that sort the other way round: order is arrival, not id.
    for (const n of [9, 3, 7, 1]) ring.push(changed(n));
    expect(ids(ring.since("e3"))).toEqual(["e7", "e1"]);
    expect(ids(ring.since("e1"))).toEqual([]);
    expect(ids(ring.since("start"))).toEqual(["e9", "e3", "e7", "e1"]);
    expect(ring.head()).toBe("e1");
  });

  it("answers resync for an id it never held", () => {
    const ring = new EventRing("start");
    ring.push(changed(1));
    expect(ring.since("nonsense")).toEqual({ kind: "resync" });
    expect(ring.since("")).toEqual({ kind: "resync" });
  });

  it("its head is the start mark while empty, so a page rendered before any event still resumes", () => {
    const ring = new EventRing("start");
    expect(ring.head()).toBe("start");
    ring.push(changed(1));
    expect(ids(ring.since("start"))).toEqual(["e1"]);
  });

  it("forgets past its capacity: the forgotten resync, the last forgotten still resumes", () => {
    const ring = new EventRing("start", { capacity: 3 });
    for (let n = 1; n <= 5; n++) ring.push(changed(n));
    expect(ring.since("start")).toEqual({ kind: "resync" });
    expect(ring.since("e1")).toEqual({ kind: "resync" });
    expect(ids(ring.since("e2"))).toEqual(["e3", "e4", "e5"]);
    expect(ids(ring.since("e4"))).toEqual(["e5"]);
  });

  it("forgets what is older than its age limit", () => {
    let now = 1_000_000;
    const ring = new EventRing("start", { maxAgeMs: 60_000, now: () => now });
    ring.push(changed(1));
    now += 30_000;
    ring.push(changed(2));
    now += 40_000; // e1 is 70 s old, e2 40 s
    expect(ring.since("start")).toEqual({ kind: "resync" });
    expect(ids(ring.since("e1"))).toEqual(["e2"]);
    now += 30_000; // both gone: the last forgotten is now the mark
    expect(ids(ring.since("e2"))).toEqual([]);
    expect(ring.head()).toBe("e2");
  });

  it("ignores an id it already holds (one event, one delivery)", () => {
    const ring = new EventRing("start");
    expect(ring.push(changed(1))?.seq).toBe(1);
    expect(ring.push(changed(1))).toBeNull();
    expect(ring.push(changed(2))?.seq).toBe(2);
    expect(ids(ring.since("start"))).toEqual(["e1", "e2"]);
  });

  it("after a reset, nothing from before resumes", () => {
    const ring = new EventRing("start");
    ring.push(changed(1));
    ring.push(changed(2));
    ring.reset("again");
    expect(ring.since("e1")).toEqual({ kind: "resync" });
    expect(ring.since("start")).toEqual({ kind: "resync" });
    expect(ring.head()).toBe("again");
    ring.push(changed(3));
    expect(ids(ring.since("again"))).toEqual(["e3"]);
    expect(ring.lastSeq()).toBe(3);
  });
});
