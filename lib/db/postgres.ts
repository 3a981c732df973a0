// PostgreSQL connection details, in one place: the pg Pool every PostgreSQL user in the
// app shares (the Prisma client here, and raw-SQL readers, the live bus and the rate
// limiter that build on it). No "server-only": the seed and scripts import it too.
import pg from "pg";

/**
 * Connections per instance (DATABASE_POOL_MAX, default 10). Every instance holds up to
 * this many, so instances × pool size must stay below the server's max_connections.
 */
export function postgresPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DATABASE_POOL_MAX?.trim();
  if (!raw) return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`DATABASE_POOL_MAX must be a whole number from 1 to 1000, not ${raw}`);
  return n;
}

/**
 * Per connection: no statement runs longer than 15 s and no transaction idles open longer
 * than 60 s (each holds locks and a connection); connecting gives up after 5 s, so an
 * unreachable server is a quick 503 (lib/db/availability.ts) instead of a hung request.
 */
export const POSTGRES_SESSION = { statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 60_000, connectTimeoutMs: 5_000 } as const;

export function postgresPoolConfig(url: string, env: NodeJS.ProcessEnv = process.env): pg.PoolConfig {
  return {
    connectionString: url,
    max: postgresPoolSize(env),
    connectionTimeoutMillis: POSTGRES_SESSION.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: POSTGRES_SESSION.statementTimeoutMs,
    idle_in_transaction_session_timeout: POSTGRES_SESSION.idleInTransactionTimeoutMs,
    application_name: "kvstore-app",
  };
}

// One pool per URL and process, also across dev hot reloads (and jest module registries).
const globalForPools = globalThis as unknown as { kvstorePgPools?: Map<string, pg.Pool> };
const pools = (globalForPools.kvstorePgPools ??= new Map());

/** The process's pool for `url`, created on first use. */
export function postgresPool(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool(postgresPoolConfig(url));
    // An idle connection the server dropped (restart, 57P01 admin shutdown, network)
    // emits 'error' on the pool; unhandled, that would end the process. The pool discards
    // that connection and the next query opens a new one, or fails into a 503.
    pool.on("error", () => {});
    pools.set(url, pool);
  }
  return pool;
}

/** Closes the pool for `url` (tests, scripts that must exit); a later postgresPool(url) opens a new one. */
export async function closePostgresPool(url: string): Promise<void> {
  const pool = pools.get(url);
  if (!pool) return;
  pools.delete(url);
  await pool.end();
}
