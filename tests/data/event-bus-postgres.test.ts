// The live bus across instances on a real PostgreSQL (the shared test cluster,
// POSTGRES_TEST_URL): two buses on one database stand for two app instances.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createEventBus, type EventBus, type StreamItem } from "@/lib/events/event-bus";
import { postgresTransport } from "@/lib/events/postgres-transport";
import type { BusEvent, RingEntry } from "@/lib/events/event-ring";
import { createDatabase, databaseUrl as url, dropDatabase } from "@/scripts/postgres-databases.mjs";

const database = `kv_bus_${randomBytes(4).toString("hex")}`;

/** One statement on `db` (the test's database). */
async function onDatabase<T>(sql: string, params: unknown[] = [], db = database): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  const client = new pg.Client({ connectionString: url(db) });
  await client.connect();
  try {
    return await client.query<T & pg.QueryResultRow>(sql, params);
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const change = (n: number): BusEvent => ({ type: "request.changed", number: `KV-${n}`, version: n });
const numbers = (items: StreamItem[]) => items.map((i) => (i.kind === "event" && i.event.type === "request.changed" ? i.event.number : i.kind));

let a: EventBus, b: EventBus;
const heard: Record<"a" | "b", RingEntry[]> = { a: [], b: [] };
const logged: string[] = [];

beforeAll(async () => {
  await createDatabase(database);
  const bus = (name: string) =>
    createEventBus(postgresTransport(url(database), { applicationName: `${database}-${name}`, minDelayMs: 50, maxDelayMs: 200, log: (m) => logged.push(m) }));
  a = bus("a");
  b = bus("b");
  a.subscribe((e) => heard.a.push(e));
  b.subscribe((e) => heard.b.push(e));
  await until("both buses to listen", () => a.listening() && b.listening());
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await dropDatabase(database);
});

beforeEach(() => {
  heard.a.length = 0;
  heard.b.length = 0;
});

it("delivers every event, whoever published it, once to every instance and in the same order", async () => {
  // Published at once from two instances: both must hear them in one and the same order.
  a.publish(change(1));
  b.publish(change(2));
  a.publish(change(3));
  b.publish(change(4));
  await until("four events on both", () => heard.a.length === 4 && heard.b.length === 4);
  await new Promise((r) => setTimeout(r, 200)); // and nothing twice
  expect(heard.a.map((e) => e.id)).toEqual(heard.b.map((e) => e.id));
  expect(new Set(heard.a.map((e) => e.id)).size).toBe(4);
  expect(heard.a.map((e) => (e.event.type === "request.changed" ? e.event.number : "")).sort()).toEqual(["KV-1", "KV-2", "KV-3", "KV-4"]);
  // One publisher's events stay in the order it published them.
  const fromA = heard.b.filter((e) => e.event.type === "request.changed" && ["KV-1", "KV-3"].includes(e.event.number));
  expect(fromA.map((e) => (e.event as { number: string }).number)).toEqual(["KV-1", "KV-3"]);
});

it("resumes on the other instance: an id seen through one replays the rest from the other", async () => {
  a.publish(change(10));
  await until("the first event on a", () => heard.a.length === 1);
  const seenOnA = a.head();
  b.publish(change(11));
  await until("b's event on a", () => heard.a.length === 2); // two publishers: order is commit order
  a.publish(change(12));
  await until("three events on b", () => heard.b.length === 3);
  const got: StreamItem[] = [];
  const close = b.open(seenOnA, (item) => got.push(item));
  a.publish(change(13));
  await until("the live one", () => got.length === 3);
  close();
  expect(numbers(got)).toEqual(["KV-11", "KV-12", "KV-13"]);
});

it("ignores a notification on its channel that is not one of its events", async () => {
  await onDatabase('SELECT pg_notify(\'kvstore_events\', \'not json\'), pg_notify(\'kvstore_events\', \'{"id":"x","event":{"type":"drop.table"}}\')');
  a.publish(change(20));
  await until("the real event", () => heard.a.length === 1 && heard.b.length === 1);
  expect(heard.a[0]!.event).toEqual(change(20));
  expect(logged).toEqual(expect.arrayContaining([expect.stringMatching(/not JSON/), expect.stringMatching(/unknown shape/)]));
});

it("reconnects after its listening connection is killed: open streams resync, then events flow again", async () => {
  a.publish(change(30));
  await until("an event on a", () => heard.a.length === 1);
  const before = a.head();
  const stream: StreamItem[] = [];
  const close = a.open(before, (item) => stream.push(item));

  const killed = await onDatabase<{ n: string }>("SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE application_name = $1", [
    `${database}-a`,
  ]);
  expect(killed.rows[0]!.n).toBe("1");
  await until("a to notice the drop", () => !a.listening());
  // Published while a is not listening: b hears it, a cannot, so a's streams must resync.
  a.publish(change(31));
  await until("b to hear the event published during the outage", () => heard.b.length === 2);
  await until("a to listen again", () => a.listening());
  expect(numbers(stream)).toEqual(["resync"]);
  expect(stream[0]!.id).toBe(a.head());
  expect(numbers(collect(a, before))).toEqual(["resync"]); // the old position is gone

  b.publish(change(32));
  await until("a to hear b again", () => heard.a.some((e) => e.event.type === "request.changed" && e.event.number === "KV-32"));
  await until("the stream to get it", () => stream.length === 2);
  close();
  expect(numbers(stream)).toEqual(["resync", "KV-32"]);
  expect(logged).toEqual(expect.arrayContaining([expect.stringMatching(/LISTEN connection dropped/)]));
});

function collect(bus: EventBus, since: string): StreamItem[] {
  const got: StreamItem[] = [];
  bus.open(since, (item) => got.push(item))();
  return got;
}
