import path from "node:path";

/** Scratch space for test databases; removed after the run. */
export const TEST_TMP_DIR = path.join(__dirname, "..", "..", ".tmp", "jest");
/** Migrated once per run by global-setup; each test file gets its own copy. */
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, "template.db");
