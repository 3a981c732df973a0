// The suites that `npm run test:unit:postgres` runs (TEST_DATABASE=postgres): each on a
// fresh PostgreSQL database from the migrated template (tests/setup/test-database.ts).
// Add a suite here once it passes on PostgreSQL. Suites named *.pg.test.ts test
// PostgreSQL only and run nowhere else.
export const POSTGRES_SUITES = [
  "tests/data/postgres-schema.test.ts",
  "tests/data/postgres-storage.pg.test.ts",
  "tests/data/postgres-availability.pg.test.ts",
  // Request writes, import, comments, dataset rules, the session check (writes):
  "tests/api/requests.test.ts",
  "tests/api/workflow.test.ts",
  "tests/api/comments.test.ts",
  "tests/api/intake.test.ts",
  "tests/api/import.test.ts",
  "tests/api/tokens.test.ts",
  "tests/api/views.test.ts",
  "tests/api/triage-views.test.ts",
  "tests/api/session-fast-path.test.ts",
  "tests/data/datasets.test.ts",
  "tests/data/new-requests.test.ts",
  // The outbox, notifications, mail, webhooks and Slack (notify):
  "tests/data/notify-channels.test.ts",
  "tests/data/outbox-worker.test.ts",
  "tests/data/outbox.test.ts",
  "tests/api/notifications.test.ts",
  "tests/api/email.test.ts",
  "tests/api/webhooks.test.ts",
  "tests/api/slack.test.ts",
  "tests/api/webhook-url-guard.test.ts",
  // The dataset catalog, export, dataset page and insights (catalog), and the rest now that every part is ported:
  "tests/data/catalog-reads.test.ts",
  "tests/data/insights.test.ts",
  "tests/api/datasets.test.ts",
  // The rest of the API that runs the same on both databases:
  "tests/api/people.test.ts",
  "tests/api/export.test.ts",
  "tests/api/authorization.test.ts",
  "tests/api/sign-in-abuse.test.ts",
  "tests/api/openapi.test.ts",
  "tests/api/rate-limit.test.ts",
  "tests/api/oidc.test.ts",
  "tests/api/health.test.ts",
  "tests/data/insights-links.test.ts",
  "tests/cli/sse.test.ts",
];
