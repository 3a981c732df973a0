// Runs a read or a write (reads.ts) on the app's database: SQLite's direct connections,
// or the PostgreSQL pool, as DATABASE_URL says. It gets the dialect to write its SQL in.
import "server-only";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { inWriteTransaction, readConnection } from "@/lib/db/sqlite-connections";
import { postgresPool } from "@/lib/db/postgres";
import { prepare } from "./statements";
import { postgresDialect, sqliteDialect, type Dialect } from "./dialect";
import { driveOnSqlite, runOnSqlite, stepOnSqlite, type Read } from "./reads";
import { runOnPostgres, stepOnPostgres } from "./postgres-driver";

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

/**
 * One row by one statement, outside any transaction (a single statement sees one
 * snapshot by itself): on SQLite synchronously on the read connection's cached
 * statement, on PostgreSQL one round trip on the pool. For the hottest, smallest read
 * (the session check of every call), where BEGIN and COMMIT would cost two more.
 */
export async function readOneRow<R>(sql: string, params: readonly unknown[]): Promise<R | undefined> {
  const url = env().DATABASE_URL;
  const step = { want: "row", sql, params } as const;
  if (databaseKind(url) === "postgres") return (await stepOnPostgres(postgresPool(url), step)) as R | undefined;
  const db = readConnection();
  return stepOnSqlite((statement) => prepare(db, statement), step) as R | undefined;
}

/**
 * A Prisma filter: the text contains `q`, ignoring case. SQLite's LIKE (Prisma's
 * `contains`) already ignores ASCII case; PostgreSQL's needs `mode: "insensitive"`,
 * which the SQLite client's types do not have.
 */
export function containsIgnoringCase(q: string): { contains: string } {
  return databaseKind(env().DATABASE_URL) === "postgres" ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}
