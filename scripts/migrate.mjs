#!/usr/bin/env node
// Applies the migrations for DATABASE_URL (`npm run db:migrate`, the Kubernetes Job, the
// test harness):
// - SQLite (file:…): `prisma migrate deploy` over prisma/migrations, as always.
// - PostgreSQL (postgresql://…): prisma/postgres/migrations with the runner below.
//   `prisma migrate deploy` cannot do it here: through the driver adapter the WebAssembly
//   schema engine fails reading PostgreSQL's catalog, with (verified with Prisma 6.19.3,
//   PostgreSQL 15):
//     Error: Column type 'name' could not be deserialized from the database.
//   So each folder's migration.sql runs in order, each in its own transaction together
//   with its row in "_kvstore_migrations" (name + SHA-256 of the file), all under one
//   advisory lock: two jobs started together apply each migration once, the second one
//   waits and then finds nothing to do. A migration whose file changed after it was
//   applied, or an applied one this code does not have, stops the run before any SQL.
//   A database that does not exist yet is created first (the server's "postgres"
//   database is asked), so a fresh server needs no manual step; an account without
//   CREATEDB gets PostgreSQL's own refusal.
//
//   node scripts/migrate.mjs          (DATABASE_URL from the environment, else .env)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const POSTGRES_MIGRATIONS = path.join(ROOT, "prisma", "postgres", "migrations");
/** The runner's record of applied migrations (Prisma's own _prisma_migrations is not ours to fake). */
export const MIGRATIONS_TABLE = "_kvstore_migrations";
/** pg_advisory_lock key: any constant shared by every runner ("kvmigrat" in ASCII). */
const LOCK_KEY = "7742544962209264756";

/** As lib/db/database-kind.ts (TypeScript, which plain node cannot import here). */
const isPostgres = (url) => /^postgres(ql)?:\/\//i.test(url);

/** The migration folders, oldest first, each with its SQL and checksum. */
export function postgresMigrations(dir = POSTGRES_MIGRATIONS) {
  return readdirSync(dir)
    .filter((name) => /^\d{14}_[a-z0-9_]+$/.test(name) && existsSync(path.join(dir, name, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Creates the database named by `url` when the server does not have it. */
async function ensureDatabase(url, log) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error("DATABASE_URL names no database");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // Two runners creating one database at once would fail (a duplicate name, or the
    // template "being accessed by other users"): they take turns, under the same lock
    // key in the server's "postgres" database (advisory locks are per database).
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}

/**
 * Applies what is missing; returns the names applied. `log` receives one line per step.
 * Throws (applying nothing) when an applied migration changed or is unknown here.
 */
export async function migratePostgres(url, { dir = POSTGRES_MIGRATIONS, log = console.log } = {}) {
  const migrations = postgresMigrations(dir);
  // No statement_timeout: a migration may rewrite a large table.
  const connect = async () => {
    const client = new pg.Client({ connectionString: url, application_name: "kvstore-migrate" });
    await client.connect();
    return client;
  };
  let client;
  try {
    client = await connect();
  } catch (error) {
    if (error.code !== "3D000") throw error; // 3D000: no such database
    await ensureDatabase(url, log);
    client = await connect();
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("name" text PRIMARY KEY, "checksum" text NOT NULL, "appliedAt" timestamptz(3) NOT NULL DEFAULT now())`,
    );
    const applied = new Map((await client.query(`SELECT "name", "checksum" FROM "${MIGRATIONS_TABLE}"`)).rows.map((r) => [r.name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied.keys()].filter((name) => !known.has(name));
    if (unknown.length) throw new Error(`the database has migrations this code does not know (${unknown.join(", ")}): run the newer release's migrator`);
    const changed = migrations.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name);
    if (changed.length) throw new Error(`applied migrations were changed since (${changed.join(", ")}): restore their files; fix with a new migration`);
    const pending = migrations.filter((m) => !applied.has(m.name));
    // Folders are applied in name order; one dated before an applied one (a branch merged
    // late) would run in an order no fresh database has seen: rename it to a later date.
    const last = [...applied.keys()].sort().at(-1);
    const early = pending.filter((m) => last !== undefined && m.name < last).map((m) => m.name);
    if (early.length) throw new Error(`pending migrations sort before the last applied one, ${last} (${early.join(", ")}): give them later timestamps`);
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum") VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`migration ${m.name} failed (nothing of it was applied): ${error.message}`, { cause: error });
      }
      log(`applied ${m.name}`);
    }
    log(pending.length ? `${pending.length} migration(s) applied` : "no pending migrations: the database is up to date");
    return pending.map((m) => m.name);
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.env.DATABASE_URL && existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
  const url = process.env.DATABASE_URL ?? "";
  if (isPostgres(url)) {
    migratePostgres(url).catch((error) => {
      console.error(`migrate: ${error.message}`);
      process.exit(1);
    });
  } else {
    // prisma.config.ts supplies the SQLite default (file:./prisma/dev.db) when none is set.
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], { stdio: "inherit", cwd: ROOT });
  }
}
