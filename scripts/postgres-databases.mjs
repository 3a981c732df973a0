// Databases in a PostgreSQL server (the test cluster, by default), created and dropped
// through an admin connection to its "postgres" database: one place for the scripts and
// the tests, with the names quoted as identifiers.
//
//   import { createDatabase, dropDatabase, databaseUrl } from "./postgres-databases.mjs";
import pg from "pg";

/** The test cluster (node scripts/postgres-cluster.mjs start; .ci/run starts it). */
export const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? "postgresql://postgres@127.0.0.1:5499";

/** `name` as an SQL identifier: double quotes, inner ones doubled. */
export const quoteIdentifier = (name) => `"${String(name).replace(/"/g, '""')}"`;

/**
 * "?" placeholders → "$1", "$2", … for the scripts' own SQL, which has no "?" elsewhere
 * (the app's numberedPlaceholders in lib/db/sql/postgres-driver.ts also skips quoted text
 * and comments; scripts run by plain node cannot import it).
 */
export function numberedPlaceholders(sql) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The URL of database `name` on `server` (a server URL, any database in its path). */
export function databaseUrl(name, server = POSTGRES_TEST_URL) {
  const url = new URL(server);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Runs `work(client)` on a connection to the server's "postgres" database, closed afterwards. */
export async function withAdmin(work, server = POSTGRES_TEST_URL) {
  const client = new pg.Client({ connectionString: databaseUrl("postgres", server) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE `name`, a copy of `template` when given. */
export function createDatabase(name, { template, server } = {}) {
  return withAdmin((admin) => admin.query(`CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ""}`), server);
}

/** DROP DATABASE IF EXISTS `name`, disconnecting whoever is still on it. */
export function dropDatabase(name, { server } = {}) {
  return withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`), server);
}

/** Drops every database whose name starts with `prefix` (a run's leftovers); the names it dropped. */
export function dropDatabasesByPrefix(prefix, { server } = {}) {
  if (!/^[a-z0-9_]{4,}$/.test(prefix)) throw new Error(`refusing to drop databases by the prefix ${prefix}`);
  return withAdmin(async (admin) => {
    const { rows } = await admin.query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(row.datname)} WITH (FORCE)`);
    return rows.map((r) => r.datname);
  }, server);
}
