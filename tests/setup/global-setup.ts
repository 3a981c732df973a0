// Builds an empty, fully migrated SQLite database once per jest run with the real
// `prisma migrate deploy`, so every test file starts from what production starts from.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";

export default function globalSetup() {
  rmSync(TEST_TMP_DIR, { recursive: true, force: true });
  mkdirSync(TEST_TMP_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}`, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}
