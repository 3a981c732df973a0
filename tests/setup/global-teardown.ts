import { rmSync } from "node:fs";
import { TEST_TMP_DIR } from "./paths";

export default function globalTeardown() {
  rmSync(TEST_TMP_DIR, { recursive: true, force: true });
}
