// Writes the SQL that takes the migrated database to prisma/schema.prisma, offline, for
// SQLite and for PostgreSQL (scripts/postgres-migrations.mjs: it needs the test cluster).
//
//   node scripts/new-migration.mjs add_some_index    new prisma/migrations/<ts>_add_some_index/
//                                                    and prisma/postgres/migrations/<ts>_add_some_index/
//   node scripts/new-migration.mjs --check           exit 1 when migrations and schema differ (either database)
//
// Why not `prisma migrate diff --from-migrations`: with a driver adapter in
// prisma.config.ts, Prisma 6.19 replays each migration file through one prepared
// statement, so any migration with more than one statement fails (P3006). Instead this
// applies the migrations to a scratch database with `migrate deploy`, introspects it
// with `db pull`, and diffs that datamodel against the schema.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { checkPostgresMigrations, writePostgresMigration } from "./postgres-migrations.mjs";

const args = process.argv.slice(2);
const check = args.includes("--check");
const name = args.find((a) => !a.startsWith("--"));
if (!check && !/^[a-z0-9_]+$/.test(name ?? "")) {
  console.error("usage: node scripts/new-migration.mjs <snake_case_name> | --check");
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), "kvstore-migration-"));
const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "scratch.db")}`, CHECKPOINT_DISABLE: "1" };
const prisma = (...a) => execFileSync("npx", ["prisma", ...a], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
try {
  prisma("migrate", "deploy");
  const pulled = prisma("db", "pull", "--print");
  // Full-text indexes (FTS5 virtual tables) are hand-written SQL that schema.prisma cannot
  // express; db pull lists them and their shadow tables as models, so leave those out.
  const scratch = new Database(path.join(dir, "scratch.db"), { readonly: true });
  const virtual = scratch.prepare(`SELECT "name" FROM "sqlite_schema" WHERE "type" = 'table' AND "sql" LIKE 'CREATE VIRTUAL TABLE%'`).pluck().all();
  scratch.close();
  const isVirtual = (model) => virtual.some((v) => model === v || model.startsWith(`${v}_`));
  const datamodel = pulled.slice(pulled.indexOf("generator ")).replace(/^model (\w+) \{[\s\S]*?^\}\n?/gm, (block, model) => (isVirtual(model) ? "" : block));
  const pulledFile = path.join(dir, "migrated.prisma");
  writeFileSync(pulledFile, datamodel);
  const sql = prisma("migrate", "diff", "--from-schema-datamodel", pulledFile, "--to-schema-datamodel", "prisma/schema.prisma", "--script");
  const empty = !sql.split("\n").some((line) => line.trim() && !line.startsWith("--"));
  if (check) {
    const problems = empty ? [] : ["prisma/schema.prisma and prisma/migrations differ; the missing SQL:\n" + sql];
    problems.push(...(await checkPostgresMigrations()));
    if (problems.length) {
      console.error(problems.join("\n"));
      process.exitCode = 1;
    } else {
      console.log("migrations match the schema (SQLite and PostgreSQL)");
    }
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    if (empty) {
      console.log("SQLite: nothing to migrate: the schema matches the migrations");
    } else {
      const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, "migration.sql"), sql);
      console.log(`wrote ${folder}/migration.sql — read it before you commit (SQLite table rebuilds can often be a plain ALTER TABLE)`);
    }
    const pgFolder = writePostgresMigration(`${stamp}_${name}`);
    console.log(
      pgFolder
        ? `wrote ${pgFolder}/migration.sql and prisma/postgres/schema.prisma — port any hand-written SQL of the SQLite migration (triggers, indexes) to it`
        : "PostgreSQL: nothing to migrate (prisma/postgres/schema.prisma is current)",
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
