import { rmSync } from "node:fs";
import { TEST_TMP_DIR } from "./paths";
import { clearImmutableFlags } from "./global-setup";

export default function globalTeardown() {
  clearImmutableFlags();
  rmSync(TEST_TMP_DIR, { recursive: true, force: true });
}
