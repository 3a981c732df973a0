import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { POSTGRES_ADMIN, POSTGRES_DB_PREFIX, TEST_ON_POSTGRES, TEST_TMP_DIR } from "./paths";
import { clearImmutableFlags } from "./global-setup";

export default function globalTeardown() {
  clearImmutableFlags();
  rmSync(TEST_TMP_DIR, { recursive: true, force: true });
  // Every database of this run (WITH (FORCE): clients a test left open are cut off).
  if (TEST_ON_POSTGRES) execFileSync("node", [POSTGRES_ADMIN, "drop-prefix", POSTGRES_DB_PREFIX], { stdio: "pipe" });
}
