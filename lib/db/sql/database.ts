// Runs a read or a write (reads.ts) on the app's database: SQLite's direct connections,
// or the PostgreSQL pool, as DATABASE_URL says. It gets the dialect to write its SQL in.
import "server-only";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { inWriteTransaction, readConnection } from "@/lib/db/sqlite-connections";
import { postgresPool } from "@/lib/db/postgres";
import { prepare } from "./statements";
import { postgresDialect, sqliteDialect, type Dialect } from "./dialect";
import { driveOnSqlite, runOnSqlite, type Read } from "./reads";
import { runOnPostgres } from "./postgres-driver";

export async function readDatabase<T>(read: (dialect: Dialect) => Read<T>): Promise<T> {
  const url = env().DATABASE_URL;
  if (databaseKind(url) === "postgres") return runOnPostgres(postgresPool(url), () => read(postgresDialect));
  const db = readConnection();
  return runOnSqlite(
    db,
    (sql) => prepare(db, sql),
    () => read(sqliteDialect),
  );
}

/**
 * One write transaction: on SQLite the write connection's (inWriteTransaction: it waits
 * for the lock without blocking the event loop), on PostgreSQL a pooled client's.
 */
export async function writeDatabase<T>(write: (dialect: Dialect) => Read<T>): Promise<T> {
  const url = env().DATABASE_URL;
  if (databaseKind(url) === "postgres") return runOnPostgres(postgresPool(url), () => write(postgresDialect), { writes: true });
  return inWriteTransaction((db) => driveOnSqlite((sql) => prepare(db, sql), write(sqliteDialect)));
}
