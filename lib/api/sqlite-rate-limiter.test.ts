// Parity of the prepared-statement SQLite limiter with rate-limiter-flexible's own: the
// same hits on two sidecar files give the same answers, and the override is still the
// method the library calls (a renamed method would leave it silently unused).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { PreparedRateLimiterSQLite } from "@/lib/api/sqlite-rate-limiter";

const folder = mkdtempSync(path.join(tmpdir(), "kv-limiter-parity-"));
const files: Database.Database[] = [];
afterAll(() => {
  files.forEach((db) => db.close());
  rmSync(folder, { recursive: true, force: true });
});
afterEach(() => jest.restoreAllMocks());

function sidecar(name: string) {
  const db = new Database(path.join(folder, name));
  db.exec("CREATE TABLE RateLimiterFlexible (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)");
  files.push(db);
  return db;
}

const options = (db: Database.Database) => ({
  storeClient: db,
  storeType: "better-sqlite3",
  tableName: "RateLimiterFlexible",
  tableCreated: true,
  clearExpiredByTimeout: false,
  keyPrefix: "parity",
  points: 3,
  duration: 60,
});

/** What a call answered, or the refusal it threw, without the clock-dependent wait. */
async function outcome(call: Promise<RateLimiterRes | null | boolean>) {
  const settled = await call.then(
    (value) => ({ ok: true, value }),
    (value: unknown) => ({ ok: false, value }),
  );
  const v = settled.value;
  if (!(v instanceof RateLimiterRes)) return settled;
  return { ok: settled.ok, consumed: v.consumedPoints, remaining: v.remainingPoints, first: v.isFirstInDuration, wait: v.msBeforeNext };
}

it("answers every call as the library's own SQLite limiter does", async () => {
  let now = Date.now();
  jest.spyOn(Date, "now").mockImplementation(() => now);
  const stock = new RateLimiterSQLite(options(sidecar("stock")));
  const prepared = new PreparedRateLimiterSQLite(options(sidecar("prepared")));
  const script: [string, (l: RateLimiterSQLite) => Promise<RateLimiterRes | null | boolean>][] = [
    ["first hit", (l) => l.consume("a")],
    ["second hit, 2 points", (l) => l.consume("a", 2)],
    ["over the limit", (l) => l.consume("a")],
    ["another key", (l) => l.consume("b")],
    ["peek", (l) => l.get("a")],
    ["reward", (l) => l.reward("a", 2)],
    ["hit after the reward", (l) => l.consume("a")],
    ["penalty", (l) => l.penalty("b", 2)],
    ["block for 10 s (forced expiry)", (l) => l.block("c", 10)],
    ["hit while blocked", (l) => l.consume("c")],
    ["window over", (l) => ((now += 61_000), l.consume("a"))],
    ["blocked key free again", (l) => l.consume("c")],
    ["set", (l) => l.set("d", 2, 30)],
    ["delete", (l) => l.delete("d")],
    ["peek the deleted key", (l) => l.get("d")],
  ];
  const answers = [];
  for (const [step, call] of script) {
    const answer = await outcome(call(prepared));
    expect([step, answer]).toEqual([step, await outcome(call(stock))]);
    answers.push(answer.ok);
  }
  // The script compared both kinds of answer: hits allowed and hits refused.
  expect(new Set(answers)).toEqual(new Set([true, false]));
});

it("prepares its upsert once for many hits, through the method the library calls", async () => {
  expect(typeof (RateLimiterSQLite.prototype as unknown as Record<string, unknown>)._upsertTransactionBetterSQLite3).toBe("function");
  const db = sidecar("counted");
  const prepare = jest.spyOn(db, "prepare");
  const limiter = new PreparedRateLimiterSQLite({ ...options(db), points: 100 });
  for (let i = 0; i < 20; i++) await limiter.consume(`key-${i % 3}`);
  expect(prepare).toHaveBeenCalledTimes(1);
  expect((await limiter.get("key-0"))?.consumedPoints).toBe(7);
});
