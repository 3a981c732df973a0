// Serves the production build for the browser tests over a fresh database: migrated
// with `prisma migrate deploy`, seeded with the demo users and a few hundred requests.
// The server is the standalone one (`npm run start:prod`, what the image runs).
import { execSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";

const db = "prisma/e2e.db";
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(db + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: `file:./${db}`, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };
execSync("npx prisma migrate deploy", { env, stdio: "inherit" });
execSync("npx tsx prisma/seed.ts --count 300", { env, stdio: "inherit" });
const server = spawn(process.execPath, ["scripts/start-standalone.mjs"], { env: { ...env, PORT: env.PORT ?? "3210" }, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
