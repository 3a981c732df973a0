// The outbox foundation against a real database (SQLite, or PostgreSQL with
// TEST_DATABASE=postgres): events are written in the change's own transaction, workers
// on connections of their own lease items so no two deliver one, failures back off and
// give up, and an item whose worker died is delivered by another once the lease runs out.
import { db } from "@/lib/db";
import { createRequest } from "@/lib/data/requests/create-request";
import { createRequests } from "@/lib/data/requests/create-request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { updateRequest } from "@/lib/data/requests/update-request";
import { addComment } from "@/lib/data/requests/add-comment";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { EVENT_CHANNEL, type RequestDomainEvent } from "@/lib/outbox/events";
import { registerDeliverer, registerPlanner, unregisterChannel, type OutboxItemRow, type PlannedItem, type Planner } from "@/lib/outbox/registry";
import { claimDue, enqueueOnce, markDelivered, nextAttemptAt, renewLeases } from "@/lib/outbox/store";
import { OutboxWorker, type WriteTransaction } from "@/lib/outbox/worker";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";
import { closeOwnConnections, ownConnection as connection } from "@/tests/helpers/own-connection";

let alice: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  alice = toSessionUser(await createUser("alice", "REQUESTER"));
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
});
afterAll(async () => {
  await closeOwnConnections();
  await db.$disconnect();
});

/** A planner that reads nothing from the database. */
const reading = (plan: (event: RequestDomainEvent) => PlannedItem[]): Planner =>
  function* (event) {
    return plan(event);
  };

const create = (overrides = {}) => createRequest(alice, createRequestBodySchema.parse(validRequestBody(overrides)));
const eventsOf = async (number: string) =>
  (await db.outboxItem.findMany({ where: { channel: EVENT_CHANNEL, requestNumber: Number(number.slice(3)) }, orderBy: { id: "asc" } })).map(
    (i) => JSON.parse(i.payload) as RequestDomainEvent,
  );

describe("every change writes its domain event in its own transaction", () => {
  it("create, transition with its note, comment, assignment and edit each write one", async () => {
    const r = await create();
    let current = await transitionRequest(admin, r.number, { to: "IN_REVIEW", note: null, version: r.version }, null);
    current = await transitionRequest(admin, r.number, { to: "NEEDS_INFO", note: "Which region first?", version: current.version }, null);
    await addComment(admin, r.number, { body: "Also the key format" });
    current = await updateRequest(admin, r.number, { assigneeId: admin.id, priority: "HIGH", version: current.version }, null);
    const events = await eventsOf(r.number);
    expect(events.map((e) => e.type)).toEqual([
      "request.created",
      "request.status_changed",
      "request.status_changed",
      "request.commented",
      "request.updated",
      "request.assigned",
    ]);
    expect(events[0]).toMatchObject({ actorId: alice.id, requestNumber: Number(r.number.slice(3)) });
    // One order key per request, whichever path wrote the event (the create's is plain SQL).
    const keys = await db.outboxItem.findMany({ where: { channel: EVENT_CHANNEL, requestNumber: Number(r.number.slice(3)) }, select: { orderKey: true } });
    expect(new Set(keys.map((k) => k.orderKey))).toEqual(new Set([`event:${r.number.slice(3)}`]));
    expect(events[2]).toMatchObject({ actorId: admin.id, from: "IN_REVIEW", to: "NEEDS_INFO", note: "Which region first?" });
    expect(events[4]).toMatchObject({ fields: ["priority"] });
    expect(events[5]).toMatchObject({ assigneeId: admin.id, previousAssigneeId: null });
    // The requester's edit in NEEDS_INFO sends it back to review: an edit and a status change.
    await updateRequest(alice, r.number, { useCase: "Balances by account id, for checkout.", version: current.version }, null);
    expect((await eventsOf(r.number)).slice(6)).toMatchObject([
      { type: "request.updated", fields: ["useCase"], actorId: alice.id },
      { type: "request.status_changed", from: "NEEDS_INFO", to: "IN_REVIEW", note: "Resubmitted with changes" },
    ]);
  });

  it("a bulk import writes one created event per request, in the import's transaction", async () => {
    const bodies = [validRequestBody(), validRequestBody()].map((b) => createRequestBodySchema.parse(b));
    const numbers = await createRequests(alice, bodies);
    for (const n of numbers.values()) expect(await eventsOf(`KV-${n}`)).toMatchObject([{ type: "request.created", actorId: alice.id }]);
  });

  it("a change that fails writes no event", async () => {
    const taken = await create();
    const r = await create();
    const before = await db.outboxItem.count();
    // The unique name index refuses the update inside its transaction: all of it rolls back.
    await expect(updateRequest(alice, r.number, { datasetName: taken.datasetName, version: r.version }, null)).rejects.toMatchObject({
      code: "DUPLICATE_DATASET_NAME",
    });
    // The group commit's savepoint undoes a duplicate create's row, event and outbox item.
    await expect(create({ datasetName: taken.datasetName })).rejects.toMatchObject({ code: "DUPLICATE_DATASET_NAME" });
    expect(await db.outboxItem.count()).toBe(before);
    expect((await eventsOf(r.number)).map((e) => e.type)).toEqual(["request.created"]);
  });
});

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
    const r = await create();
    const worker = new OutboxWorker({ transaction: connection() });
    await worker.drain();
    const items = await db.outboxItem.findMany({ where: { channel: "test", requestNumber: Number(r.number.slice(3)) }, orderBy: { id: "asc" } });
    expect(items.map((i) => i.target)).toEqual([alice.id, null]);
    expect(delivered).toEqual(items.map((i) => i.deliveryId));
    expect(items.every((i) => i.deliveredAt && i.attempts === 1)).toBe(true);
    const event = await db.outboxItem.findFirstOrThrow({ where: { channel: EVENT_CHANNEL, requestNumber: Number(r.number.slice(3)) } });
    expect(items[0]!.deliveryId).toBe(`${event.deliveryId}:test:a`);
    expect(event.deliveredAt).not.toBeNull();
  });

  it("a planner that fails holds back only its own event: the others of the batch fan out", async () => {
    const bad = await create();
    const good = await create();
    registerPlanner(
      "test",
      reading((event) => {
        if (event.requestNumber === Number(bad.number.slice(3))) throw new Error("planner broke");
        return [{ key: "only", payload: {} }];
      }),
    );
    await new OutboxWorker({ transaction: connection() }).drain();
    const eventOf = (r: typeof bad) => db.outboxItem.findFirstOrThrow({ where: { channel: EVENT_CHANNEL, requestNumber: Number(r.number.slice(3)) } });
    expect(await eventOf(bad)).toMatchObject({ deliveredAt: null, lastError: "planner broke", attempts: 1 }); // the batch that rolled back counted nothing
    expect((await eventOf(good)).deliveredAt).not.toBeNull();
    expect(await db.outboxItem.count({ where: { channel: "test", requestNumber: Number(good.number.slice(3)) } })).toBe(1);
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
