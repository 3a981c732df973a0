// The PostgreSQL half of scripts/new-migration.mjs: prisma/postgres/schema.prisma is the
// snapshot of what prisma/postgres/migrations build, so a new migration is the diff from
// the committed snapshot to the one regenerated from prisma/schema.prisma, and --check
// builds both on scratch databases in the test cluster and compares their catalogs.
//
// `migrate diff` runs offline, but through the driver adapter it connects to a server even
// for two schema files, so both need a PostgreSQL server: POSTGRES_TEST_URL, default the
// private test cluster (node scripts/postgres-cluster.mjs start).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migratePostgres, MIGRATIONS_TABLE } from "./migrate.mjs";
import { createDatabase, databaseUrl, dropDatabase } from "./postgres-databases.mjs";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "./postgres-schema.mjs";

export const POSTGRES_MIGRATIONS_DIR = path.join("prisma", "postgres", "migrations");
const CONFIG = path.join("prisma", "postgres", "prisma.config.ts");
/** Objects the migrations make by hand, beyond schema.prisma (see the baseline's Part 2). */
const HAND_WRITTEN_TABLES = new Set(["RateLimiterFlexible", MIGRATIONS_TABLE]);
// Trigram indexes, and sort orders Prisma cannot state (NULLS FIRST).
const HAND_WRITTEN_INDEX = /_trgm$|_nulls_first$/;

const isEmptySql = (sql) => !sql.split("\n").some((line) => line.trim() && !line.startsWith("--"));

function diff(fromArgs, toFile) {
  return execFileSync("npx", ["prisma", "migrate", "diff", "--config", CONFIG, ...fromArgs, "--to-schema-datamodel", toFile, "--script"], {
    env: { ...process.env, DATABASE_URL: databaseUrl("postgres"), CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Regenerates the PostgreSQL schema; when the models changed, writes the migration from
 * the committed snapshot to it as <folder>/migration.sql. Returns the folder, or null.
 */
export function writePostgresMigration(folderName) {
  const want = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (want === readFileSync(POSTGRES_SCHEMA, "utf8")) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "kvstore-pg-migration-"));
  try {
    const next = path.join(dir, "schema.prisma");
    writeFileSync(next, want);
    const sql = diff(["--from-schema-datamodel", POSTGRES_SCHEMA], next);
    writeFileSync(POSTGRES_SCHEMA, want);
    if (isEmptySql(sql)) return null;
    const folder = path.join(POSTGRES_MIGRATIONS_DIR, folderName);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "migration.sql"), sql);
    return folder;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tables, columns, indexes and constraints of the public schema, as comparable lines. */
async function catalog(client) {
  const rows = async (sql) => (await client.query(sql)).rows.map((r) => Object.values(r).join(" | "));
  const tables = new Set((await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.table_name));
  const keep = (line) => !HAND_WRITTEN_TABLES.has(line.split(" | ")[0]);
  return {
    tables: [...tables].filter((t) => !HAND_WRITTEN_TABLES.has(t)).sort(),
    columns: (
      await rows(
        `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    )
      .filter(keep)
      .sort(),
    indexes: (await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`))
      .filter(keep)
      .filter((line) => !HAND_WRITTEN_INDEX.test(line.split(" | ")[1]))
      .sort(),
    constraints: (
      await rows(
        `SELECT c.conrelid::regclass::text AS t, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'`,
      )
    )
      .filter((line) => !HAND_WRITTEN_TABLES.has(line.split(" | ")[0].replace(/"/g, "")))
      .sort(),
  };
}

/** Problems found (empty: the migrations build exactly the snapshot, and the snapshot is current). */
export async function checkPostgresMigrations() {
  const problems = [];
  if (postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")) !== readFileSync(POSTGRES_SCHEMA, "utf8")) {
    problems.push(`${POSTGRES_SCHEMA} is out of date with ${SQLITE_SCHEMA} (node scripts/new-migration.mjs <name> writes it and its migration)`);
  }
  const suffix = randomBytes(4).toString("hex");
  const names = { migrated: `kvstore_check_m_${suffix}`, expected: `kvstore_check_e_${suffix}` };
  try {
    await createDatabase(names.expected);
    await migratePostgres(databaseUrl(names.migrated), { log: () => {} });
    const expected = new pg.Client({ connectionString: databaseUrl(names.expected) });
    const migrated = new pg.Client({ connectionString: databaseUrl(names.migrated) });
    await Promise.all([expected.connect(), migrated.connect()]);
    try {
      await expected.query(diff(["--from-empty"], POSTGRES_SCHEMA));
      const [want, have] = await Promise.all([catalog(expected), catalog(migrated)]);
      for (const kind of Object.keys(want)) {
        const missing = want[kind].filter((x) => !have[kind].includes(x));
        const extra = have[kind].filter((x) => !want[kind].includes(x));
        if (missing.length) problems.push(`${POSTGRES_MIGRATIONS_DIR} lack these ${kind} of ${POSTGRES_SCHEMA}:\n  ${missing.join("\n  ")}`);
        if (extra.length) problems.push(`${POSTGRES_MIGRATIONS_DIR} make ${kind} that ${POSTGRES_SCHEMA} does not have:\n  ${extra.join("\n  ")}`);
      }
    } finally {
      await Promise.all([expected.end(), migrated.end()]);
    }
  } finally {
    for (const name of Object.values(names)) await dropDatabase(name);
  }
  return problems;
}
