// The browser tests' SQLite database, one per app port, so two runs side by side (say
// E2E_PORT=3230 beside the usual 3210) never share one. scripts/e2e-server.mjs creates
// it; tests/e2e/sso.spec.ts starts a second server over it.
export const e2eSqliteFile = (port) => `prisma/e2e-${port}.db`;
