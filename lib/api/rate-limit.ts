// The app's rate limits (the API limit per caller, the sign-in lockout per account,
// better-auth's limits per address), counted by rate-limiter-flexible in a store that
// every instance on the same database shares, so N instances never give N budgets:
//   PostgreSQL: the RateLimiterFlexible table in the app's database (created by a migration).
//   SQLite: a sidecar file next to the database (`<db>-limits`). Counting in the app's
//     own file would add a synchronous, fsync'd write (synchronous=FULL) to every API call
//     and take the one writer lock from the app: ~0.3 ms per call with a 4 ms p99 there,
//     ~0.04 ms in a WAL file with synchronous=OFF (counters need not survive a power loss).
//     Every process on the host opens the same file.
// A fixed window per key, as before. If the store cannot be reached, the library's
// insurance limiter counts in this process's memory until it can: limits still hold, per
// instance, and requests keep being served.
import "server-only";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { PreparedRateLimiterSQLite } from "@/lib/api/sqlite-rate-limiter";
import { databaseKind } from "@/lib/db/database-kind";
import { sqliteFileFromUrl } from "@/lib/db/create-prisma-client";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/state";

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

// The name rate-limiter-flexible gives it by default, and the PostgreSQL baseline migration creates.
export const RATE_LIMIT_TABLE = "RateLimiterFlexible";

/** The table RateLimiterPostgres expects (its own CREATE TABLE); a migration creates it, never an instance. */
export const POSTGRES_RATE_LIMIT_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (
  "key" varchar(255) PRIMARY KEY,
  "points" integer NOT NULL DEFAULT 0,
  "expire" bigint
)`;

// The sidecar is this module's own file, so it makes its own table (RateLimiterSQLite's).
const SQLITE_RATE_LIMIT_TABLE_SQL = `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`;

export type RateLimitStore =
  | { kind: "sqlite"; db: Database.Database; sweeper?: NodeJS.Timeout }
  // schema: Prisma's `?schema=` in the URL, where the app's tables (and so the limits table) live.
  | { kind: "postgres"; pool: Pool; schema: string | undefined; sweeper?: NodeJS.Timeout }
  // The sidecar could not be opened: this process counts alone, in memory.
  | { kind: "memory" };

/** `<db>-limits` beside a SQLite database file. */
export const sqliteLimitsFile = (databaseUrl: string) => `${sqliteFileFromUrl(databaseUrl)}-limits`;

/** Opens the store for a DATABASE_URL; each call is a new connection, as another instance would have. */
export function openRateLimitStore(databaseUrl: string): RateLimitStore {
  let store: RateLimitStore;
  if (databaseKind(databaseUrl) === "postgres") {
    const pool = new Pool({
      connectionString: databaseUrl,
      max: 4,
      // Without these a database that stopped answering would hang each limited request.
      connectionTimeoutMillis: 2000,
      query_timeout: 2000,
    });
    // An idle connection that breaks must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    store = { kind: "postgres", pool, schema: new URL(databaseUrl).searchParams.get("schema") ?? undefined };
  } else {
    const db = new Database(sqliteLimitsFile(databaseUrl));
    // busy_timeout is short: better-sqlite3 waits synchronously, and a write here takes microseconds.
    try {
      db.exec(`PRAGMA busy_timeout = 100; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; ${SQLITE_RATE_LIMIT_TABLE_SQL}`);
    } catch (error) {
      db.close();
      throw error;
    }
    store = { kind: "sqlite", db };
  }
  // One sweeper per store rather than the library's one per limiter (its SQLite one leaves
  // a failed delete unhandled, which would end the process). Busy or unreachable: next time.
  store.sweeper = setInterval(() => deleteEndedCounts(store).catch(() => {}), 5 * 60_000).unref();
  return store;
}

/** Deletes the counts of windows that ended over an hour ago; says how many went. */
export async function deleteEndedCounts(store: RateLimitStore): Promise<number> {
  const before = Date.now() - 60 * 60_000;
  if (store.kind === "sqlite") return store.db.prepare(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`).run(before).changes;
  if (store.kind === "memory") return 0;
  const table = store.schema ? `"${store.schema}"."${RATE_LIMIT_TABLE}"` : `"${RATE_LIMIT_TABLE}"`;
  return (await store.pool.query(`DELETE FROM ${table} WHERE expire < $1`, [before])).rowCount ?? 0;
}

export async function closeRateLimitStore(store: RateLimitStore) {
  if (store.kind === "memory") return;
  clearInterval(store.sweeper);
  if (store.kind === "postgres") await store.pool.end();
  else store.db.close();
}

/** A limit of `limit` hits per `windowSeconds` for each key, counted in `store`. */
export class RateLimiter {
  private readonly counter: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    readonly name: string,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {
    const options = { keyPrefix: name, points: limit, duration: windowSeconds };
    const insuranceLimiter = new RateLimiterMemory(options);
    const shared = { ...options, tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: false, insuranceLimiter };
    if (store.kind === "postgres") {
      this.counter = new RateLimiterPostgres({ ...shared, storeClient: store.pool, storeType: "pool", schemaName: store.schema });
    } else if (store.kind === "sqlite") {
      this.counter = new PreparedRateLimiterSQLite({ ...shared, storeClient: store.db, storeType: "better-sqlite3" });
    } else {
      this.counter = insuranceLimiter;
    }
  }

  /** Counts one hit for `key` and says whether it may go on. */
  async hit(key: string): Promise<RateLimitResult> {
    try {
      const res = await this.counter.consume(storeKey(key));
      return { ok: true, remaining: res.remainingPoints };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: toSeconds(rejection.msBeforeNext) };
      throw rejection;
    }
  }

  /** Without counting: seconds to wait when `key` has used up its window, else 0. */
  async waitFor(key: string): Promise<number> {
    const res = await this.counter.get(storeKey(key));
    return res && res.consumedPoints >= this.limit ? toSeconds(res.msBeforeNext) : 0;
  }
}

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

// Keys are stored in varchar(255) on PostgreSQL: a long one (an email near 254
// characters) is stored as its hash rather than failing over to the memory limiter.
const storeKey = (key: string) => (key.length <= 200 ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`);

// One store and one limiter per name per process, kept across dev hot reloads.
type AppLimits = { store: RateLimitStore; limiters: Map<string, RateLimiter>; retryAt: number };
const globalForLimits = globalThis as unknown as { kvstoreRateLimits?: AppLimits };

/** The limiter `name` (limit per window) on this app's shared store. */
export function rateLimiter(name: string, limit: number, windowSeconds: number): RateLimiter {
  const { store, limiters } = appLimits();
  const id = `${name}/${limit}/${windowSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) limiters.set(id, (limiter = new RateLimiter(store, name, limit, windowSeconds)));
  return limiter;
}

function appLimits(): AppLimits {
  const current = globalForLimits.kvstoreRateLimits;
  if (current && (current.store.kind !== "memory" || Date.now() < current.retryAt)) return current;
  try {
    return (globalForLimits.kvstoreRateLimits = { store: openRateLimitStore(env().DATABASE_URL), limiters: new Map(), retryAt: 0 });
  } catch (error) {
    // The sidecar cannot be opened (its folder cannot be written, or another instance held
    // the file through the busy timeout): limit in memory rather than refuse every
    // request, and try the store again in a minute.
    logger().warn({ err: String(error) }, "rate limits: the shared store cannot be opened; counting in this process only for now");
    const fallback = current ?? { store: { kind: "memory" as const }, limiters: new Map(), retryAt: 0 };
    fallback.retryAt = Date.now() + 60_000;
    return (globalForLimits.kvstoreRateLimits = fallback);
  }
}
