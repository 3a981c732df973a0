// A fresh SQLite database and a fresh, migrated PostgreSQL database side by side, each
// with a driver that runs reads and writes of lib/db/sql on it directly: for tests that
// check the two databases give the same answers to the same SQL (search parity, insights).
// PostgreSQL is the shared test cluster (POSTGRES_TEST_URL, default the one .ci/run starts).
// Runs in the SQLite run of jest (the file's own database is the SQLite side).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { closePostgresPool, postgresPool } from "@/lib/db/postgres";
import { postgresDialect, sqliteDialect, type Dialect } from "@/lib/db/sql/dialect";
import { runOnPostgres } from "@/lib/db/sql/postgres-driver";
import { runOnSqlite, type Read } from "@/lib/db/sql/reads";
import { dropDatabase } from "@/scripts/postgres-databases.mjs";
import { POSTGRES_DB_PREFIX, postgresTestUrl } from "@/tests/setup/paths";

/** Runs reads and writes (one transaction each) on one database. */
export type Driver = {
  kind: Dialect["kind"];
  read<T>(read: (dialect: Dialect) => Read<T>): Promise<T>;
  write<T>(write: (dialect: Dialect) => Read<T>): Promise<T>;
};

export type TwoDatabases = { sqlite: Driver; postgres: Driver; close(): Promise<void> };

/**
 * SQLite: the test file's own migrated copy (tests/setup/test-database.ts). PostgreSQL: a
 * new database named after `label`, with this checkout's test prefix (a killed run's are
 * dropped by the next run), migrated by scripts/migrate.mjs and dropped by close().
 */
export async function twoDatabases(label: string): Promise<TwoDatabases> {
  const sqliteFile = process.env.DATABASE_URL!.replace(/^file:/, "");
  const db = new Database(sqliteFile);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  const onSqlite = async <T>(read: (dialect: Dialect) => Read<T>) => runOnSqlite(db, prepare, () => read(sqliteDialect));

  const name = `${POSTGRES_DB_PREFIX}${label}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = postgresTestUrl(name);
  execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const pool = postgresPool(url);

  return {
    sqlite: { kind: "sqlite", read: onSqlite, write: onSqlite },
    postgres: {
      kind: "postgres",
      read: (read) => runOnPostgres(pool, () => read(postgresDialect)),
      write: (write) => runOnPostgres(pool, () => write(postgresDialect), { writes: true }),
    },
    close: async () => {
      db.close();
      await closePostgresPool(url);
      await dropDatabase(name);
    },
  };
}
