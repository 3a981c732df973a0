// Builds an empty, fully migrated SQLite database once per jest run with the real
// `prisma migrate deploy`, so every test file starts from what production starts from.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";

export default function globalSetup() {
  clearImmutableFlags();
  rmSync(TEST_TMP_DIR, { recursive: true, force: true });
  mkdirSync(TEST_TMP_DIR, { recursive: true });
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
