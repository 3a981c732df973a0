// The shared limiter on its real stores: a SQLite sidecar file and a PostgreSQL database
// of the test cluster. Two stores opened on one database are two app instances: they
// must count one budget, also when their hits race.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import {
  POSTGRES_RATE_LIMIT_TABLE_SQL,
  RateLimiter,
  closeRateLimitStore,
  deleteEndedCounts,
  openRateLimitStore,
  type RateLimitStore,
} from "@/lib/api/rate-limit";
import { createDatabase, databaseUrl, dropDatabase } from "@/scripts/postgres-databases.mjs";

const pgDatabase = `kv_limits_${randomBytes(4).toString("hex")}`;
const opened: RateLimitStore[] = [];
const open = (url: string) => {
  const store = openRateLimitStore(url);
  opened.push(store);
  return store;
};

beforeAll(async () => {
  await createDatabase(pgDatabase);
  // What the migration does on PostgreSQL: instances never create the table.
  const client = new Client({ connectionString: databaseUrl(pgDatabase) });
  await client.connect();
  await client.query(POSTGRES_RATE_LIMIT_TABLE_SQL);
  await client.end();
});

afterAll(async () => {
  await Promise.all(opened.map(closeRateLimitStore));
  await dropDatabase(pgDatabase);
});

afterEach(() => jest.restoreAllMocks());

/** Moves the clock the limiter reads, from now. */
function clock() {
  let now = Date.now();
  jest.spyOn(Date, "now").mockImplementation(() => now);
  return (ms: number) => (now += ms);
}

let nextKey = 0;
const freshKey = () => `key-${++nextKey}`;

describe.each([
  ["a SQLite sidecar file", () => process.env.DATABASE_URL!],
  ["a PostgreSQL database", () => databaseUrl(pgDatabase)],
])("on %s", (_, url) => {
  // Two instances: each its own connection (pool) to the one store.
  let one: RateLimitStore;
  let two: RateLimitStore;
  beforeAll(() => {
    one = open(url());
    two = open(url());
  });

  it("counts one budget across two instances, then says when to come back", async () => {
    const advance = clock();
    const [a, b] = [new RateLimiter(one, "t", 3, 60), new RateLimiter(two, "t", 3, 60)];
    const key = freshKey();
    expect(await a.hit(key)).toEqual({ ok: true, remaining: 2 });
    expect(await b.hit(key)).toEqual({ ok: true, remaining: 1 });
    expect(await a.hit(key)).toEqual({ ok: true, remaining: 0 });
    expect(await b.hit(key)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(await a.hit(freshKey())).toEqual({ ok: true, remaining: 2 });
    advance(45_500);
    expect(await a.hit(key)).toEqual({ ok: false, retryAfterSeconds: 15 });
    advance(14_500);
    expect(await b.hit(key)).toEqual({ ok: true, remaining: 2 });
  });

  it("keeps limiters of different names apart", async () => {
    const key = freshKey();
    expect(await new RateLimiter(one, "x", 1, 60).hit(key)).toMatchObject({ ok: true });
    expect(await new RateLimiter(two, "y", 1, 60).hit(key)).toMatchObject({ ok: true });
    expect(await new RateLimiter(two, "x", 1, 60).hit(key)).toMatchObject({ ok: false });
  });

  it("never asks to wait less than a second", async () => {
    const advance = clock();
    const limiter = new RateLimiter(one, "t", 1, 1);
    const key = freshKey();
    await limiter.hit(key);
    advance(999);
    expect(await limiter.hit(key)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("peeks without counting: waitFor says how long once the window is used up, on any instance", async () => {
    const advance = clock();
    const [a, b] = [new RateLimiter(one, "peek", 2, 60), new RateLimiter(two, "peek", 2, 60)];
    const key = freshKey();
    expect(await b.waitFor(key)).toBe(0);
    await a.hit(key);
    expect(await b.waitFor(key)).toBe(0);
    await a.hit(key);
    advance(30_000);
    expect([await b.waitFor(key), await b.waitFor(key), await a.waitFor(key)]).toEqual([30, 30, 30]);
    advance(30_000);
    expect(await b.waitFor(key)).toBe(0);
  });

  it("lets exactly the limit through when two instances race", async () => {
    const [a, b] = [new RateLimiter(one, "race", 10, 60), new RateLimiter(two, "race", 10, 60)];
    const key = freshKey();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit(key)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });

  it("sweeps counts whose window ended over an hour ago, and only those", async () => {
    const advance = clock();
    const limiter = new RateLimiter(one, "sweep", 1, 60);
    const [old, recent] = [freshKey(), freshKey()];
    await limiter.hit(old);
    advance(61 * 60_000 + 1);
    await limiter.hit(recent);
    // `old` and the earlier tests' keys; then nothing is left to sweep.
    expect(await deleteEndedCounts(two)).toBeGreaterThanOrEqual(1);
    expect(await deleteEndedCounts(one)).toBe(0);
    expect(await limiter.hit(recent)).toMatchObject({ ok: false });
  });

  it("hashes a key too long for the store's column, and still counts it", async () => {
    const limiter = new RateLimiter(one, "long", 1, 60);
    const key = `${"x".repeat(300)}@example.com`;
    expect(await limiter.hit(key)).toMatchObject({ ok: true });
    expect(await new RateLimiter(two, "long", 1, 60).hit(key)).toMatchObject({ ok: false });
    expect(await limiter.hit(`${"x".repeat(301)}@example.com`)).toMatchObject({ ok: true });
  });
});

it("still limits, in this process's memory, while PostgreSQL cannot be reached", async () => {
  const limiter = new RateLimiter(open(databaseUrl(`kv_limits_missing_${randomBytes(4).toString("hex")}`)), "t", 2, 60);
  const key = freshKey();
  expect(await limiter.hit(key)).toMatchObject({ ok: true });
  expect(await limiter.hit(key)).toMatchObject({ ok: true });
  expect(await limiter.hit(key)).toEqual({ ok: false, retryAfterSeconds: 60 });
  expect(await limiter.waitFor(key)).toBe(60);
});

it("counts in memory while the app's sidecar cannot be opened, and moves to it a minute later", async () => {
  const folder = path.join(path.dirname(process.env.DATABASE_URL!.slice("file:".length)), `not-yet-${randomBytes(4).toString("hex")}`);
  const databaseUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = `file:${path.join(folder, "app.db")}`;
  const advance = clock();
  try {
    let rateLimiter!: typeof import("@/lib/api/rate-limit").rateLimiter;
    jest.isolateModules(() => ({ rateLimiter } = jest.requireActual<typeof import("@/lib/api/rate-limit")>("@/lib/api/rate-limit")));
    const key = freshKey();
    expect(await rateLimiter("t", 1, 600).hit(key)).toMatchObject({ ok: true });
    expect(await rateLimiter("t", 1, 600).hit(key)).toMatchObject({ ok: false });
    mkdirSync(folder);
    advance(30_000);
    expect(await rateLimiter("t", 1, 600).hit(key)).toMatchObject({ ok: false });
    advance(31_000);
    // The store now: a fresh count there, in the sidecar file.
    expect(await rateLimiter("t", 1, 600).hit(key)).toMatchObject({ ok: true });
    expect(existsSync(path.join(folder, "app.db-limits"))).toBe(true);
  } finally {
    process.env.DATABASE_URL = databaseUrl;
    const global = globalThis as { kvstoreRateLimits?: { store: RateLimitStore } };
    if (global.kvstoreRateLimits) await closeRateLimitStore(global.kvstoreRateLimits.store);
    delete global.kvstoreRateLimits;
  }
});
