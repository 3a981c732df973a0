#!/usr/bin/env node
// prisma/schema.prisma (SQLite) is the one source of the models; Prisma 6.19 needs one
// schema file per provider, so this derives prisma/postgres/schema.prisma from it.
//
//   node scripts/postgres-schema.mjs           rewrite prisma/postgres/schema.prisma
//   node scripts/postgres-schema.mjs --check   exit 1 when the committed file is out of date
//
// The committed file is also the snapshot that PostgreSQL migration diffs start from
// (scripts/new-migration.mjs), so it is generated, never edited by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgres/schema.prisma";

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit.
// The same models on PostgreSQL: client in lib/generated/prisma-postgres, migrations in
// prisma/postgres/migrations (applied by scripts/migrate.mjs).
`;

/** The PostgreSQL schema for the text of the SQLite one. */
export function postgresSchema(sqlite) {
  let out = sqlite
    .replace(/(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/(generator client \{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-postgres"')
    // timestamptz, not timestamp: an instant, whatever the session's time zone; (3):
    // milliseconds, what JavaScript's Date and SQLite's stored text both hold.
    .replace(/^(\s+\w+\s+DateTime\??)(?=\s|$)/gm, "$1 @db.Timestamptz(3)");
  for (const [what, pattern] of [
    ["provider", /provider\s*=\s*"postgresql"/],
    ["output", /output\s*=\s*"\.\.\/\.\.\/lib\/generated\/prisma-postgres"/],
  ]) {
    if (!pattern.test(out)) throw new Error(`${SQLITE_SCHEMA}: could not set the PostgreSQL ${what}`);
  }
  // Anything SQLite-only would silently mean something else on PostgreSQL: refuse it here.
  if (/@db\.(?!Timestamptz\(3\))/.test(out)) throw new Error(`${SQLITE_SCHEMA}: native type attributes (@db.…) need a rule in scripts/postgres-schema.mjs`);
  out = HEADER + out;
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const want = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    let have = "";
    try {
      have = readFileSync(POSTGRES_SCHEMA, "utf8");
    } catch {
      // missing: out of date
    }
    if (have !== want) {
      console.error(
        `${POSTGRES_SCHEMA} is out of date with ${SQLITE_SCHEMA}: run node scripts/new-migration.mjs <name> (or node scripts/postgres-schema.mjs when no migration is needed)`,
      );
      process.exit(1);
    }
    console.log(`${POSTGRES_SCHEMA} is up to date`);
  } else {
    writeFileSync(POSTGRES_SCHEMA, want);
    console.log(`wrote ${POSTGRES_SCHEMA}`);
  }
}
