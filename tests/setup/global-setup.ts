// Builds an empty, fully migrated database once per jest run with the real migrator, so
// every test file starts from what production starts from: SQLite with `prisma migrate
// deploy`; with TEST_DATABASE=postgres, a template database in the test cluster with
// scripts/migrate.mjs.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { POSTGRES_ADMIN, POSTGRES_DB_PREFIX, POSTGRES_TEMPLATE_DB, postgresTestUrl, TEMPLATE_DB, TEST_ON_POSTGRES, TEST_TMP_DIR } from "./paths";

export default function globalSetup() {
  clearImmutableFlags();
  rmSync(TEST_TMP_DIR, { recursive: true, force: true });
  mkdirSync(TEST_TMP_DIR, { recursive: true });
  if (TEST_ON_POSTGRES) {
    // A killed run's databases, then a fresh template.
    execFileSync("node", [POSTGRES_ADMIN, "drop-prefix", POSTGRES_DB_PREFIX], { stdio: "pipe" });
    execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: postgresTestUrl(POSTGRES_TEMPLATE_DB) }, stdio: "pipe" });
    return;
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}`, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}

/**
 * tests/reliability/database-faults makes database files immutable (`chattr +i`) and
 * clears the flag in `finally`; a run killed in between (a SIGBUS it failed to prevent,
 * Ctrl-C) would leave files that no one can delete.
 */
export function clearImmutableFlags() {
  try {
    execFileSync("chattr", ["-R", "-i", TEST_TMP_DIR], { stdio: "ignore" });
  } catch {
    // No such folder yet, or no chattr here: nothing can be immutable then.
  }
}
