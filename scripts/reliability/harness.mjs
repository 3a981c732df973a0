// What the reliability scripts share: a fresh database under .tmp/, the production build
// (its standalone server) served on its own port in its own process group, readiness, and sign-in.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { numberedPlaceholders } from "../postgres-databases.mjs";

export const DEMO_PASSWORD = "kvstore-demo";
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A fresh folder .tmp/<name> with a migrated database seeded with `count` requests (and
 * the demo users); the environment to serve it on `port` with, plus `extraEnv`. The
 * database is the SQLite file `dbFile` there, or `databaseUrl` (PostgreSQL: an empty or
 * missing database, which scripts/migrate.mjs creates).
 */
export function prepareServerEnv(name, { port, count = 0, extraEnv = {}, databaseUrl }) {
  const dir = path.resolve(".tmp", name);
  const dbFile = databaseUrl ? undefined : path.join(dir, `${name}.db`);
  const base = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl ?? `file:${dbFile}`,
    BETTER_AUTH_URL: base,
    PORT: String(port),
    CHECKPOINT_DISABLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("node", ["scripts/init-env.mjs"], { env, stdio: "ignore" });
  if (databaseUrl) execFileSync("node", ["scripts/migrate.mjs"], { env, stdio: "ignore" });
  else execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "ignore" });
  execFileSync("npx", ["tsx", "prisma/seed.ts", "--count", String(count)], { env, stdio: "ignore" });
  return { dir, dbFile, base, env };
}

/**
 * The standalone server of the production build (`npm run start:prod`, what the image
 * runs) on env.PORT, in its own process group (kill -9 reaches all of it). It listens on
 * 0.0.0.0 whatever HOSTNAME the shell has (containers export their own name in it, and
 * the server would listen on that address only, out of reach of localhost).
 * `pipeStdout`: the server's stdout is readable as `server.stdout` (its log lines).
 */
export function startServer(env, { pipeStdout = false } = {}) {
  return spawn(process.execPath, ["scripts/start-standalone.mjs"], {
    env: { ...env, HOSTNAME: "0.0.0.0" },
    detached: true,
    stdio: pipeStdout ? ["ignore", "pipe", "ignore"] : "ignore",
  });
}

export function stopServer(server, signal = "SIGTERM") {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

export async function waitReady(base, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error("server did not become ready");
}

/** A session cookie; better-auth refuses a sign-in POST whose Origin is not the app's own. */
export async function signIn(base, email, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A valid POST /api/requests body (the smallest that passes every rule); `overrides` replace fields. */
export const requestBody = (datasetName, overrides = {}) => ({
  datasetName,
  requestType: "NEW",
  ownerTeam: "payments",
  contactEmail: "payments@example.com",
  useCase: "Reliability load: balances by account id.",
  keyFormat: "STRING",
  valueFormat: "JSON",
  ingestion: "ONLINE_WRITES",
  updateFrequency: "REALTIME",
  estimatedSizeGb: 1,
  estimatedKeyCount: 1000,
  readQps: 1,
  writeQps: 1,
  p99LatencyMs: 10,
  regions: ["us-east-1"],
  dataClassification: "INTERNAL",
  backupsEnabled: false,
  ...overrides,
});

const INT8 = 20;
const numbersAsNumbers = (oid, format) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format));

/**
 * Reads for a script's checks, on a SQLite `file` or a PostgreSQL `url`: `all` and `get`
 * take SQL with ? placeholders; COUNT(*) comes back as a number on both.
 */
export async function openDatabaseReader({ file, url }) {
  if (file) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    return {
      all: async (sql, params = []) => db.prepare(sql).all(...params),
      get: async (sql, params = []) => db.prepare(sql).get(...params),
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const all = async (sql, params = []) =>
    (await client.query({ text: numberedPlaceholders(sql), values: params, types: { getTypeParser: numbersAsNumbers } })).rows;
  return { all, get: async (sql, params) => (await all(sql, params))[0], close: () => client.end() };
}
