// Runs before each test file's imports: a private copy of the migrated database and
// a test secret. Whatever .env says (next/jest loads it), tests never touch dev data.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_ADMIN, POSTGRES_DB_PREFIX, POSTGRES_TEMPLATE_DB, postgresTestUrl, TEMPLATE_DB, TEST_ON_POSTGRES, TEST_TMP_DIR } from "./paths";

if (TEST_ON_POSTGRES) {
  // A fresh database per test file, unique per worker and file; global teardown drops it.
  const name = `${POSTGRES_DB_PREFIX}w${process.env.JEST_WORKER_ID ?? "0"}_${randomBytes(6).toString("hex")}`;
  execFileSync("node", [POSTGRES_ADMIN, "create", name, POSTGRES_TEMPLATE_DB], { stdio: "pipe" });
  process.env.DATABASE_URL = postgresTestUrl(name);
} else {
  const file = path.join(TEST_TMP_DIR, `test-${randomUUID()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.BETTER_AUTH_SECRET = "jest-only-secret-000000000000000000000000";
process.env.BETTER_AUTH_URL = "http://localhost:3000";
// /api/metrics on, with a known token (tests/api/observability.test.ts turns it off too);
// whatever .env says, so that every run sees the same thing.
process.env.METRICS_TOKEN = "jest-only-metrics-token-0000";
delete process.env.LOG_LEVEL;
// Password sign-in, no company sign-in, whatever .env says (tests/api/oidc.test.ts sets its own).
for (const name of Object.keys(process.env)) if (name.startsWith("OIDC_")) delete process.env[name];
delete process.env.PASSWORD_SIGN_IN;
// No Slack, and public https webhooks only, whatever .env says (the webhook tests allow loopback themselves).
delete process.env.SLACK_WEBHOOK_URL;
delete process.env.WEBHOOK_ALLOW_PRIVATE;
