// Write transactions on a connection of the test's database of their own, as another
// process or instance would hold one: a new better-sqlite3 connection, or a new pg pool,
// whichever DATABASE_URL names (the outbox's workers run on them).
import Database from "better-sqlite3";
import pg from "pg";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { SQLITE_PRAGMAS, sqliteFileFromUrl } from "@/lib/db/create-prisma-client";
import { prepare } from "@/lib/db/sql/statements";
import { postgresDialect, sqliteDialect } from "@/lib/db/sql/dialect";
import { driveOnSqlite } from "@/lib/db/sql/reads";
import { runOnPostgres } from "@/lib/db/sql/postgres-driver";
import type { WriteTransaction } from "@/lib/outbox/worker";

const closers: (() => unknown)[] = [];

export function ownConnection(): WriteTransaction {
  const url = env().DATABASE_URL;
  if (databaseKind(url) === "postgres") {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    closers.push(() => pool.end());
    return (write) => runOnPostgres(pool, () => write(postgresDialect), { writes: true });
  }
  const sqlite = new Database(sqliteFileFromUrl(url), { fileMustExist: true });
  sqlite.exec(SQLITE_PRAGMAS);
  closers.push(() => sqlite.close());
  return async (write) => sqlite.transaction(() => driveOnSqlite((sql) => prepare(sqlite, sql), write(sqliteDialect))).immediate();
}

export async function closeOwnConnections(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}
