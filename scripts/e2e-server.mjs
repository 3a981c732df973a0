// Serves the production build for the browser tests over a fresh database: migrated
// (`npm run db:migrate`'s scripts/migrate.mjs), seeded with the demo users and a few
// hundred requests. SQLite by default; E2E_DATABASE=postgres uses a fresh database in the
// test cluster (POSTGRES_TEST_URL, scripts/postgres-cluster.mjs), named after the port.
// The server is the standalone one (`npm run start:prod`, what the image runs).
import { execSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { e2eSqliteFile } from "./e2e-database.mjs";
import { databaseUrl as urlOf, dropDatabase } from "./postgres-databases.mjs";

const port = process.env.PORT ?? "3210";
let databaseUrl;
if (process.env.E2E_DATABASE === "postgres") {
  const name = `kv_e2e_${port}`;
  await dropDatabase(name);
  databaseUrl = urlOf(name); // migrate.mjs creates it
} else {
  const db = e2eSqliteFile(port);
  // -limits*: the rate-limit counters beside it (lib/api/rate-limit.ts), fresh with the database.
  for (const suffix of ["", "-wal", "-shm", "-journal", "-limits", "-limits-wal", "-limits-shm"]) rmSync(db + suffix, { force: true });
  databaseUrl = `file:./${db}`;
}
const env = { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };
execSync("node scripts/migrate.mjs", { env, stdio: "inherit" });
execSync("npx tsx prisma/seed.ts --count 300", { env, stdio: "inherit" });
const server = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
  // "::", IPv6 and IPv4, as `next start` listens, whatever HOSTNAME the shell has (a
  // container exports its own name there). Chromium reaches localhost over ::1 and the
  // tests' own requests over 127.0.0.1: two addresses, two sign-in budgets, as the
  // security tests expect (on 0.0.0.0 the browser's sign-ins eat the requests' budget).
  env: { ...env, PORT: port, HOSTNAME: "::" },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
