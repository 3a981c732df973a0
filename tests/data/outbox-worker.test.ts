// The outbox worker against a real database (SQLite, or PostgreSQL with
// TEST_DATABASE=postgres): it fans domain events out through the planners once, workers
// on connections of their own lease items so no two deliver one, failures back off and
// give up, an item whose worker died is delivered by another once the lease runs out,
// and one order key's items go one after another.
import { db } from "@/lib/db";
import { EVENT_CHANNEL, type RequestDomainEvent } from "@/lib/outbox/events";
import { enqueueRequestEvent } from "@/lib/outbox/enqueue";
import { registerDeliverer, registerPlanner, unregisterChannel, type OutboxItemRow, type PlannedItem, type Planner } from "@/lib/outbox/registry";
import { claimDue, enqueueOnce, markDelivered, nextAttemptAt, renewLeases } from "@/lib/outbox/store";
import { OutboxWorker, type WriteTransaction } from "@/lib/outbox/worker";
import { closeOwnConnections, ownConnection as connection } from "@/tests/helpers/own-connection";

afterAll(async () => {
  await closeOwnConnections();
  await db.$disconnect();
});

/** A planner that reads nothing from the database. */
const reading = (plan: (event: RequestDomainEvent) => PlannedItem[]): Planner =>
  function* (event) {
    return plan(event);
  };

let lastNumber = 0;
/** A request.created event in the outbox as a change writes it (the outbox holds the number, not a link to the row); its request number. */
async function created(): Promise<number> {
  const requestNumber = ++lastNumber;
  await db.$transaction((tx) => enqueueRequestEvent(tx, { type: "request.created", requestNumber, actorId: "alice", at: new Date().toISOString() }));
  return requestNumber;
}

describe("the worker", () => {
  const delivered: string[] = [];
  let failuresLeft = 0;
  let slowMs = 0;
  beforeEach(async () => {
    delivered.length = 0;
    failuresLeft = 0;
    slowMs = 0;
    // Only this suite's channel: earlier tests' events are fanned out to nothing.
    await db.outboxItem.updateMany({ where: { deliveredAt: null }, data: { deliveredAt: new Date() } });
    registerDeliverer(
      "test",
      async (item) => {
        if (slowMs) await new Promise((r) => setTimeout(r, slowMs));
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error("receiver answered 500");
        }
        delivered.push(item.deliveryId);
      },
      { baseDelayMs: 1000, maxDelayMs: 4000, giveUpAfterMs: 10_000, timeoutMs: 200 },
    );
  });
  afterEach(() => unregisterChannel("test"));

  const enqueue = (write: WriteTransaction, n: number, prefix = "t") =>
    write(function* (d) {
      for (let i = 0; i < n; i++)
        yield* enqueueOnce(d, { channel: "test", deliveryId: `${prefix}:${i}:${Math.random()}`, payload: { i }, now: new Date(Date.now() - 1) });
    });

  it("fans a domain event out through the planners, once, and delivers each item", async () => {
    registerPlanner(
      "test",
      reading((event) =>
        event.type === "request.created"
          ? [
              { key: "a", target: event.actorId, payload: { n: event.requestNumber } },
              { key: "b", payload: {} },
            ]
          : [],
      ),
    );
    const n = await created();
    const worker = new OutboxWorker({ transaction: connection() });
    await worker.drain();
    const items = await db.outboxItem.findMany({ where: { channel: "test", requestNumber: n }, orderBy: { id: "asc" } });
    expect(items.map((i) => i.target)).toEqual(["alice", null]);
    expect(delivered).toEqual(items.map((i) => i.deliveryId));
    expect(items.every((i) => i.deliveredAt && i.attempts === 1)).toBe(true);
    const event = await db.outboxItem.findFirstOrThrow({ where: { channel: EVENT_CHANNEL, requestNumber: n } });
    expect(items[0]!.deliveryId).toBe(`${event.deliveryId}:test:a`);
    expect(event.deliveredAt).not.toBeNull();
  });

  it("a planner that fails holds back only its own event: the others of the batch fan out", async () => {
    const bad = await created();
    const good = await created();
    registerPlanner(
      "test",
      reading((event) => {
        if (event.requestNumber === bad) throw new Error("planner broke");
        return [{ key: "only", payload: {} }];
      }),
    );
    await new OutboxWorker({ transaction: connection() }).drain();
    const eventOf = (requestNumber: number) => db.outboxItem.findFirstOrThrow({ where: { channel: EVENT_CHANNEL, requestNumber } });
    expect(await eventOf(bad)).toMatchObject({ deliveredAt: null, lastError: "planner broke", attempts: 1 }); // the batch that rolled back counted nothing
    expect((await eventOf(good)).deliveredAt).not.toBeNull();
    expect(await db.outboxItem.count({ where: { channel: "test", requestNumber: good } })).toBe(1);
  });

  it("two workers on their own connections never deliver one item twice", async () => {
    const own = connection();
    await enqueue(own, 60);
    slowMs = 5;
    const a = new OutboxWorker({ transaction: own, concurrency: 3, owner: "a" });
    const b = new OutboxWorker({ transaction: connection(), concurrency: 3, owner: "b" });
    await Promise.all([a.drain(), b.drain()]);
    expect(delivered).toHaveLength(60);
    expect(new Set(delivered).size).toBe(60);
    // And the claim itself: what one connection leased, the other does not get.
    await enqueue(own, 4, "lease");
    const now = new Date();
    const first = await connection()((d) => claimDue(d, { owner: "x", channels: ["test"], limit: 2, now, leaseMs: 60_000 }));
    const second = await connection()((d) => claimDue(d, { owner: "y", channels: ["test"], limit: 10, now, leaseMs: 60_000 }));
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(second.map((i) => i.id).some((id) => first.some((f) => f.id === id))).toBe(false);
  });

  it("retries a failure with exponential backoff, records the error, and gives up after the horizon", async () => {
    const own = connection();
    let now = new Date();
    await own((d) => enqueueOnce(d, { channel: "test", deliveryId: "retry-me", payload: {}, now }));
    const worker = new OutboxWorker({ transaction: own, now: () => now });
    failuresLeft = 2;
    await worker.drain();
    let item = await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "retry-me" } });
    expect(item).toMatchObject({ attempts: 1, lastError: "receiver answered 500", deliveredAt: null });
    expect(item.availableAt.getTime()).toBe(now.getTime() + 1000);
    await worker.drain(); // not due yet
    expect((await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "retry-me" } })).attempts).toBe(1);
    now = new Date(now.getTime() + 1000);
    await worker.drain();
    item = await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "retry-me" } });
    expect(item.attempts).toBe(2);
    expect(item.availableAt.getTime()).toBe(now.getTime() + 2000); // doubled
    now = new Date(now.getTime() + 2000);
    await worker.drain();
    item = await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "retry-me" } });
    expect(item).toMatchObject({ attempts: 3, lastError: null });
    expect(item.deliveredAt).not.toBeNull();
    expect(delivered).toEqual(["retry-me"]);

    const policy = { baseDelayMs: 1000, maxDelayMs: 4000, giveUpAfterMs: 10_000, timeoutMs: 200 };
    const t0 = new Date(0);
    expect(nextAttemptAt(policy, 5, t0, new Date(3000))?.getTime()).toBe(7000); // capped at 4 s
    expect(nextAttemptAt(policy, 5, t0, new Date(7000))).toBeNull(); // 11 s > 10 s horizon
    failuresLeft = 100;
    await own((d) => enqueueOnce(d, { channel: "test", deliveryId: "hopeless", payload: {}, now: new Date(now.getTime() - 9500) }));
    await worker.drain();
    item = await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "hopeless" } });
    expect(item.failedAt).not.toBeNull();
    expect(item.lastError).toBe("receiver answered 500");
  });

  it("a deliverer past its timeout counts as failed and frees its slot", async () => {
    const own = connection();
    await own((d) => enqueueOnce(d, { channel: "test", deliveryId: "slow", payload: {}, now: new Date() }));
    slowMs = 700;
    const started = Date.now();
    await new OutboxWorker({ transaction: own }).drain();
    expect(Date.now() - started).toBeLessThan(600);
    await new Promise((r) => setTimeout(r, 700)); // the abandoned attempt ends before the next test
    expect(await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "slow" } })).toMatchObject({ lastError: "timed out after 200 ms", deliveredAt: null });
  });

  it("an item whose worker died is delivered by another once its lease runs out, and the dead one's late mark is refused", async () => {
    const own = connection();
    const now = new Date();
    await own((d) => enqueueOnce(d, { channel: "test", deliveryId: "orphan", payload: {}, now: new Date(now.getTime() - 1) }));
    const [claimed] = (await own((d) => claimDue(d, { owner: "dead", channels: ["test"], limit: 1, now, leaseMs: 30_000 }))) as [OutboxItemRow];
    expect(claimed.deliveryId).toBe("orphan");
    let clock = new Date(now.getTime() + 29_000);
    const survivor = new OutboxWorker({ transaction: connection(), now: () => clock });
    await survivor.drain();
    expect(delivered).toEqual([]);
    clock = new Date(now.getTime() + 31_000);
    await survivor.drain();
    expect(delivered).toEqual(["orphan"]);
    expect(await own((d) => markDelivered(d, claimed.id, "dead", clock))).toBe(false);
    expect(await db.outboxItem.findUniqueOrThrow({ where: { deliveryId: "orphan" } })).toMatchObject({ attempts: 2 });
  });

  it("a live worker's heartbeat keeps its lease; a lost lease cannot be renewed", async () => {
    const own = connection();
    const now = new Date();
    await own((d) => enqueueOnce(d, { channel: "test", deliveryId: "long-one", payload: {}, now: new Date(now.getTime() - 1) }));
    const [claimed] = (await own((d) => claimDue(d, { owner: "alive", channels: ["test"], limit: 1, now, leaseMs: 15_000 }))) as [OutboxItemRow];
    expect(await own((d) => renewLeases(d, "alive", [claimed.id], new Date(now.getTime() + 30_000)))).toBe(1);
    const other = (at: number) => own((d) => claimDue(d, { owner: "other", channels: ["test"], limit: 1, now: new Date(now.getTime() + at), leaseMs: 15_000 }));
    expect(await other(20_000)).toEqual([]);
    expect(await other(31_000)).toHaveLength(1);
    expect(await own((d) => renewLeases(d, "alive", [claimed.id], new Date(now.getTime() + 60_000)))).toBe(0);
  });

  it("delivers items of one order key one after another, in order", async () => {
    const own = connection();
    const at = new Date(Date.now() - 1);
    await own(function* (d) {
      for (let i = 0; i < 5; i++) yield* enqueueOnce(d, { channel: "test", deliveryId: `ordered:${i}`, orderKey: "k", payload: {}, now: at });
    });
    failuresLeft = 1; // the first fails once: nothing after it may overtake it
    const worker = new OutboxWorker({ transaction: own, concurrency: 5 });
    await worker.drain();
    expect(delivered).toEqual([]);
    await db.outboxItem.updateMany({ where: { deliveryId: "ordered:0" }, data: { availableAt: new Date(0) } });
    await worker.drain();
    expect(delivered).toEqual([0, 1, 2, 3, 4].map((i) => `ordered:${i}`));
  });
});
