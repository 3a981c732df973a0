// The PostgreSQL connection pool, one per database URL and process.
import { Pool } from "pg";

const globalForPools = globalThis as unknown as { kvstorePostgresPools?: Map<string, Pool> };
const pools = (globalForPools.kvstorePostgresPools ??= new Map());

export function postgresPool(url: string): Pool {
  let pool = pools.get(url);
  if (!pool) pools.set(url, (pool = new Pool({ connectionString: url, max: 10 })));
  return pool;
}
