// Runs a read (reads.ts) on the app's database: SQLite's read connection, or the
// PostgreSQL pool, as DATABASE_URL says. The read gets the dialect to write its SQL in.
import "server-only";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { readConnection } from "@/lib/db/sqlite-connections";
import { postgresPool } from "@/lib/db/postgres";
import { prepare } from "./statements";
import { postgresDialect, sqliteDialect, type Dialect } from "./dialect";
import { runOnSqlite, type Read } from "./reads";
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
