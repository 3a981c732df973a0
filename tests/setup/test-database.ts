// Runs before each test file's imports: a private copy of the migrated database and
// a test secret. Whatever .env says (next/jest loads it), tests never touch dev data.
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";

const file = path.join(TEST_TMP_DIR, `test-${randomUUID()}.db`);
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.BETTER_AUTH_SECRET = "jest-only-secret-000000000000000000000000";
process.env.BETTER_AUTH_URL = "http://localhost:3000";
