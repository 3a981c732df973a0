// Online backup and restore of the app's database. Plain Node ESM with better-sqlite3
// and pg only (the production image runs it without tsx):
//
//   node scripts/db-backup.mjs backup  --out <file> [--force]    (npm run backup -- --out …)
//   node scripts/db-backup.mjs restore --from <file> [--force]   (npm run restore -- --from …)
//
// The database is DATABASE_URL's, read like the app and prisma.config.ts read it: the
// environment, else .env in the working directory, else file:./prisma/dev.db (a relative
// path is relative to the working directory).
//
// Exit codes: 0 done; 1 a check failed or the tool refused (nothing was changed);
// 2 wrong usage.
//
// backup: SQLite's online backup API (better-sqlite3's db.backup()) copies every page in
// ONE step, so the copy is one read transaction's snapshot: consistent, and WAL lets the
// app keep writing meanwhile (in several steps SQLite would restart the copy at every
// write the app made between them). The copy is written under a temporary name beside
// the target, switched to a self-contained rollback-journal file (no -wal to carry),
// checked with PRAGMA integrity_check, synced, and only then named <file>.
//
// restore: checks the backup (a SQLite file, integrity_check, the app's tables and
// _prisma_migrations) on a copy made beside the target, refuses while any process has
// the target database open, removes the target's stale -wal and -shm (an old WAL would
// be replayed into the restored file) and renames the copy into place. The app must be
// stopped: see RELIABILITY.md ("Backup and restore") for why a live replace is refused.
//
// PostgreSQL (DATABASE_URL postgres(ql)://…), with the same options, checks and exit
// codes, through PostgreSQL's own tools (pg_dump and pg_restore on PATH, the server's
// major version or newer):
// backup: opens a REPEATABLE READ transaction, exports its snapshot and has
// `pg_dump --format=custom --snapshot` dump exactly that snapshot, while the same
// transaction counts the rows: the figures printed are the backup's own. Online: the app
// keeps reading and writing. Checked with `pg_restore --list` (every table of the app in
// it), synced, then named <file>.
// restore: refuses while any session is connected to the target database (the app's
// pool keeps some open: stop the app first). Restores into a new database beside it
// ("<name>_restoring_<pid>", in one transaction), checks it as the backup's figures are
// checked, and only then renames it into place (the old one, if any, is dropped): what
// is checked is what goes into place, and a failed restore leaves the target as it was.
// Needs a role that may create databases (the runner of `npm run db:migrate` needs it
// for a new server too).
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl as databaseOnServer, quoteIdentifier } from "./postgres-databases.mjs";

const USAGE = `usage:
  npm run backup  -- --out <file> [--force]    consistent online copy of DATABASE_URL's database
  npm run restore -- --from <file> [--force]   put a backup in place of DATABASE_URL's database (app stopped)

  --force   backup: replace an existing <file>; restore: replace an existing database
exit codes: 0 done, 1 a check failed or refused (nothing changed), 2 wrong usage`;

/** Every table the app needs; a file without them is not one of our backups. */
const REQUIRED_TABLES = [
  "_prisma_migrations",
  "user",
  "session",
  "account",
  "verification",
  "DatasetRequest",
  "RequestCount",
  "RequestEvent",
  "Comment",
  "ApiToken",
];

const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/postgres/migrations", import.meta.url));

class Refusal extends Error {}
class UsageError extends Error {}

function databaseUrl() {
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  return process.env.DATABASE_URL || "file:./prisma/dev.db";
}

/** The backend for DATABASE_URL. A PostgreSQL entry (pg_dump / pg_restore) goes here. */
const BACKENDS = [
  { matches: (url) => url.startsWith("file:"), backup: backupSqlite, restore: restoreSqlite },
  { matches: (url) => /^postgres(ql)?:/.test(url), backup: backupPostgres, restore: restorePostgres },
];

function refuse(message) {
  throw new Refusal(message);
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** Syncs a file's (or a folder's) contents to disk. */
function fsyncPath(file) {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** True when the file begins with `magic` (a format's header: SQLite's, pg_dump's). */
function startsWith(file, magic) {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(magic.length);
    return readSync(fd, header, 0, magic.length, 0) === magic.length && header.toString("latin1") === magic;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a copy (never the live database) and checks it is a whole database of this app.
 * Returns its figures; throws a Refusal naming the first problem.
 */
function inspect(file, what) {
  if (!startsWith(file, "SQLite format 3\0")) refuse(`${what} is not a SQLite database`);
  let db;
  try {
    db = new Database(file, { fileMustExist: true });
    // A truncated copy: the header promises more pages than the file holds.
    const expected = db.pragma("page_count", { simple: true }) * db.pragma("page_size", { simple: true });
    const size = statSync(file).size;
    if (size < expected) refuse(`${what} is truncated: ${size} bytes of ${expected}`);
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") refuse(`${what} failed PRAGMA integrity_check: ${integrity}`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) refuse(`${what} is not a database of this app: no table ${missing.join(", ")}`);
    const migrations = db
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")
      .pluck()
      .all();
    return {
      requests: db.prepare('SELECT COUNT(*) FROM "DatasetRequest"').pluck().get(),
      events: db.prepare('SELECT COUNT(*) FROM "RequestEvent"').pluck().get(),
      users: db.prepare('SELECT COUNT(*) FROM "user"').pluck().get(),
      migrations,
    };
  } catch (error) {
    if (error instanceof Refusal) throw error;
    // A truncated or damaged file: SQLITE_CORRUPT, SQLITE_NOTADB, "database disk image is malformed"…
    refuse(`${what} cannot be read as a database: ${error.message}`);
  } finally {
    db?.close();
  }
}

/**
 * Refuses while any connection has the database open. Every WAL-mode connection (the
 * app's, the seed's, kvctl's server…) holds a shared lock on the file while it is open;
 * an exclusive lock is granted only when there is none. POSIX locks: this sees processes
 * on this host (or sharing this volume's lock manager), not an app on another machine.
 */
function assertNotInUse(file) {
  let db;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
  } catch (error) {
    if (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED") {
      refuse(`${file} is in use (the app or another process has it open): stop the app, then restore`);
    }
    // Not a database at all (a damaged target): nothing uses it as one; --force replaces it.
  } finally {
    db?.close();
  }
}

/** The migrations in `dir` next to this script (null when the folder is not shipped). */
function codeMigrations(dir) {
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function migrationAdvice(applied, dir = MIGRATIONS_DIR) {
  const known = codeMigrations(dir);
  if (known === null) return ["migrations: prisma/migrations not found here; run `npm run db:migrate` where the code is"];
  const pending = known.filter((m) => !applied.includes(m));
  const unknown = applied.filter((m) => !known.includes(m));
  const lines = [];
  if (pending.length > 0) {
    lines.push(
      `migrations: the backup is older than the code, ${pending.length} pending (${pending.join(", ")}): run \`npm run db:migrate\` before starting the app`,
    );
  }
  if (unknown.length > 0) {
    lines.push(
      `migrations: WARNING the backup has ${unknown.length} migration(s) this code does not know (${unknown.join(", ")}): run the code version that made it`,
    );
  }
  if (lines.length === 0) lines.push(`migrations: up to date (${applied.length}, latest ${applied.at(-1) ?? "none"})`);
  return lines;
}

/** A checked backup `tmp` synced and named `target` (replaced only with --force); its size. */
function putInPlace(tmp, target, force) {
  fsyncPath(tmp);
  if (force) renameSync(tmp, target);
  else {
    linkSync(tmp, target); // fails if someone created <file> meanwhile: never overwrites
    rmSync(tmp);
  }
  fsyncPath(path.dirname(target));
  return statSync(target).size;
}

async function backupSqlite(url, { out, force }) {
  const source = url.slice("file:".length);
  if (!existsSync(source)) refuse(`no database at ${source} (DATABASE_URL=${url})`);
  const target = path.resolve(out);
  if (!existsSync(path.dirname(target))) refuse(`folder ${path.dirname(target)} does not exist`);
  if (existsSync(target) && !force) refuse(`${target} exists: choose another name or pass --force to replace it`);
  if (path.resolve(source) === target) refuse("--out names the database itself");

  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const tmp = `${target}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  const db = new Database(source, { fileMustExist: true, readonly: true, timeout: 5000 });
  let pages;
  try {
    // The first transfer (0 pages) only opens the backup; then everything in one step.
    const progress = await db.backup(tmp, { progress: () => 0x7fffffff });
    pages = progress.totalPages;
  } catch (error) {
    rmSync(tmp, { force: true });
    refuse(`backup of ${source} failed: ${error.message}`);
  } finally {
    db.close();
  }
  try {
    // A self-contained file: rollback-journal mode, so no -wal has to travel with it.
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const figures = inspect(tmp, "the copy");
    const size = putInPlace(tmp, target, force);
    const ms = Date.now() - started;
    console.log(`backup: ${target}`);
    console.log(`  from ${source} at ${startedAt}, ${pages} pages in one step, ${ms} ms`);
    console.log(`  ${mb(size)}, ${figures.requests} requests, ${figures.events} history events, ${figures.users} users, integrity ok`);
    console.log(`  migrations: ${figures.migrations.length}, latest ${figures.migrations.at(-1) ?? "none"}`);
    return { file: target, size, ms, pages, ...figures };
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

async function restoreSqlite(url, { from, force }) {
  const backup = path.resolve(from);
  const target = path.resolve(url.slice("file:".length));
  if (!existsSync(backup)) refuse(`no backup at ${backup}`);
  if (!statSync(backup).isFile()) refuse(`${backup} is not a file`);
  if (backup === target) refuse("--from names the database itself");
  if (!existsSync(path.dirname(target))) refuse(`folder ${path.dirname(target)} does not exist`);
  const targetExists = existsSync(target);
  if (targetExists && !force) refuse(`${target} exists: pass --force to replace it (back it up first: npm run backup -- --out …)`);
  if (targetExists) assertNotInUse(target);

  const started = Date.now();
  // Copy first, check the copy: what is checked is exactly what goes into place.
  const tmp = `${target}.restoring-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    copyFileSync(backup, tmp);
    const figures = inspect(tmp, `the backup ${backup}`);
    fsyncPath(tmp);
    // Nobody may have opened the target since the first check.
    if (existsSync(target)) assertNotInUse(target);
    // A stale WAL beside the new file would be replayed into it; a stale -shm describes it.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    rmSync(`${target}-journal`, { force: true });
    renameSync(tmp, target);
    fsyncPath(path.dirname(target));
    console.log(`restore: ${backup} → ${target} in ${Date.now() - started} ms`);
    console.log(`  ${mb(statSync(target).size)}, ${figures.requests} requests, ${figures.events} history events, ${figures.users} users, integrity ok`);
    for (const line of migrationAdvice(figures.migrations)) console.log(`  ${line}`);
    console.log("  start the app now (sessions stored in the backup are valid again; newer ones are gone)");
    return { file: target, ...figures };
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

// ---- PostgreSQL ----------------------------------------------------------------------

const run = promisify(execFile);

/** The app's tables on PostgreSQL, whose migrations are recorded in "_kvstore_migrations" instead of Prisma's table. */
const POSTGRES_DATA_TABLES = REQUIRED_TABLES.filter((t) => t !== "_prisma_migrations");

/** DATABASE_URL as libpq reads it: Prisma's own query parameters (schema, connection_limit…) left out. */
function libpqUrl(url) {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()])
    if (!["sslmode", "sslrootcert", "sslcert", "sslkey", "application_name", "options"].includes(key)) u.searchParams.delete(key);
  return u.toString();
}

const databaseName = (url) => decodeURIComponent(new URL(url).pathname.slice(1));
/** Database `name` on DATABASE_URL's server, as libpq reads it. */
const otherDatabase = (url, name) => databaseOnServer(name, libpqUrl(url));

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: libpqUrl(url) });
  try {
    await client.connect();
  } catch (error) {
    refuse(`cannot connect to ${databaseName(url)}: ${error.message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** pg_dump or pg_restore; a failure is a refusal with the tool's own message. */
async function tool(name, args) {
  try {
    return (await run(name, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    if (error.code === "ENOENT") refuse(`${name} is not on PATH: install PostgreSQL's client tools (Debian: postgresql-client)`);
    refuse(`${name} failed: ${(error.stderr || error.message).trim()}`);
  }
}

/** The figures of a database of this app (its tables checked first), read by `client`. */
async function postgresFigures(client, what) {
  const { rows } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  const tables = new Set(rows.map((r) => r.tablename));
  const missing = [...POSTGRES_DATA_TABLES, "_kvstore_migrations"].filter((t) => !tables.has(t));
  if (missing.length > 0) refuse(`${what} is not a database of this app: no table ${missing.join(", ")}`);
  const one = async (sql) => Number((await client.query(sql)).rows[0].n);
  return {
    requests: await one('SELECT COUNT(*) AS n FROM "DatasetRequest"'),
    events: await one('SELECT COUNT(*) AS n FROM "RequestEvent"'),
    users: await one('SELECT COUNT(*) AS n FROM "user"'),
    migrations: (await client.query('SELECT "name" FROM "_kvstore_migrations" ORDER BY "name"')).rows.map((r) => r.name),
  };
}

/** The tables a custom-format archive holds data for (`pg_restore --list`). */
async function archiveTables(file) {
  const list = await tool("pg_restore", ["--list", file]);
  return new Set([...list.matchAll(/^\d+; \d+ \d+ TABLE DATA \S+ (\S+) /gm)].map((m) => m[1]));
}

async function backupPostgres(url, { out, force }) {
  const target = path.resolve(out);
  if (!existsSync(path.dirname(target))) refuse(`folder ${path.dirname(target)} does not exist`);
  if (existsSync(target) && !force) refuse(`${target} exists: choose another name or pass --force to replace it`);
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const tmp = `${target}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    // One snapshot for the dump and the figures: the transaction that exported it stays
    // open until pg_dump has taken it.
    const figures = await withClient(url, async (client) => {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const snapshot = (await client.query("SELECT pg_export_snapshot() AS s")).rows[0].s;
      const dumping = tool("pg_dump", [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${snapshot}`,
        `--file=${tmp}`,
        `--dbname=${libpqUrl(url)}`,
      ]);
      const read = await postgresFigures(client, `the database ${databaseName(url)}`);
      await dumping;
      await client.query("COMMIT");
      return read;
    });
    const tables = await archiveTables(tmp);
    const missing = POSTGRES_DATA_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) refuse(`the dump has no data for ${missing.join(", ")}`);
    const size = putInPlace(tmp, target, force);
    const ms = Date.now() - started;
    console.log(`backup: ${target}`);
    console.log(`  from PostgreSQL database ${databaseName(url)} at ${startedAt}, one snapshot (pg_dump --format=custom), ${ms} ms`);
    console.log(`  ${mb(size)}, ${figures.requests} requests, ${figures.events} history events, ${figures.users} users, ${tables.size} tables`);
    console.log(`  migrations: ${figures.migrations.length}, latest ${figures.migrations.at(-1) ?? "none"}`);
    return { file: target, size, ms, ...figures };
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Refuses while a session other than ours is connected to database `name`. */
async function assertPostgresNotInUse(admin, name) {
  const { rows } = await admin.query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  if (Number(rows[0].n) > 0) refuse(`${name} is in use (${rows[0].n} session(s) connected: the app or another client): stop the app, then restore`);
}

async function restorePostgres(url, { from, force }) {
  const backup = path.resolve(from);
  if (!existsSync(backup)) refuse(`no backup at ${backup}`);
  if (!statSync(backup).isFile()) refuse(`${backup} is not a file`);
  if (!startsWith(backup, "PGDMP")) refuse(`${backup} is not a pg_dump archive (custom format)`);
  const name = databaseName(url);
  if (!name) refuse("DATABASE_URL names no database");
  const scratch = `${name}_restoring_${process.pid}`;
  const started = Date.now();
  return withClient(otherDatabase(url, "postgres"), async (admin) => {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount > 0;
    if (exists && !force) refuse(`database ${name} exists: pass --force to replace it (back it up first: npm run backup -- --out …)`);
    if (exists) await assertPostgresNotInUse(admin, name);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(scratch)}`);
    await admin.query(`CREATE DATABASE ${quoteIdentifier(scratch)}`);
    try {
      await tool("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${otherDatabase(url, scratch)}`, backup]);
      const figures = await withClient(otherDatabase(url, scratch), (client) => postgresFigures(client, `the backup ${backup}`));
      // Nobody may have connected to the target since the first check.
      if (exists) {
        await assertPostgresNotInUse(admin, name);
        const old = `${name}_replaced_${process.pid}`;
        await admin.query(`ALTER DATABASE ${quoteIdentifier(name)} RENAME TO ${quoteIdentifier(old)}`);
        await admin.query(`ALTER DATABASE ${quoteIdentifier(scratch)} RENAME TO ${quoteIdentifier(name)}`);
        await admin.query(`DROP DATABASE ${quoteIdentifier(old)}`);
      } else await admin.query(`ALTER DATABASE ${quoteIdentifier(scratch)} RENAME TO ${quoteIdentifier(name)}`);
      console.log(`restore: ${backup} → PostgreSQL database ${name} in ${Date.now() - started} ms`);
      console.log(`  ${figures.requests} requests, ${figures.events} history events, ${figures.users} users, every table of the app`);
      for (const line of migrationAdvice(figures.migrations, POSTGRES_MIGRATIONS_DIR)) console.log(`  ${line}`);
      console.log("  start the app now (sessions stored in the backup are valid again; newer ones are gone)");
      return { database: name, ...figures };
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(scratch)} WITH (FORCE)`);
      throw error;
    }
  });
}

function parse(argv) {
  const [command, ...rest] = argv;
  if (command !== "backup" && command !== "restore") throw new UsageError(command ? `unknown command ${command}` : "no command");
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { out: { type: "string" }, from: { type: "string" }, force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return { command: "help" };
  if (command === "backup" && (!values.out || values.from)) throw new UsageError("backup needs --out <file> (and no --from)");
  if (command === "restore" && (!values.from || values.out)) throw new UsageError("restore needs --from <file> (and no --out)");
  return { command, ...values };
}

async function main() {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (args.command === "help") {
    console.log(USAGE);
    return 0;
  }
  const url = databaseUrl();
  const backend = BACKENDS.find((b) => b.matches(url));
  if (!backend) {
    console.error(`DATABASE_URL=${url.replace(/\/\/[^@/]*@/, "//…@")} is neither file: nor postgresql:`);
    return 2;
  }
  try {
    await backend[args.command](url, args);
    return 0;
  } catch (error) {
    console.error(`${args.command} refused: ${error instanceof Refusal ? error.message : error.stack}`);
    return 1;
  }
}

process.exitCode = await main();
