// Backup under load, then restore: serves the production build over a fresh database,
// drives concurrent clients creating requests (and one reading the queue), runs
// `npm run backup` in the middle of the load while the writes go on, restores the backup
// into a fresh file and checks it, then restores it over the server's own database the
// documented way (refused while the server runs; stop, restore, start) and checks the
// server serves the restored data.
//
//   node scripts/reliability/backup-restore.mjs [--clients 12] [--seed 2000] [--port 3540] [--db sqlite|postgres]
//
// --db postgres: the same on a PostgreSQL database of the test cluster (POSTGRES_TEST_URL,
// scripts/postgres-cluster.mjs): pg_dump of one exported snapshot, restored through a
// scratch database renamed into place (scripts/db-backup.mjs). Its databases are dropped
// at the end.
//
// Needs a production build (`npm run build`). Prints a table of figures; exits 1 on any
// failed check.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, dropDatabase } from "../postgres-databases.mjs";
import { openDatabaseReader, prepareServerEnv, signIn, sleep, startServer, stopServer, waitReady, requestBody } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "12" },
    seed: { type: "string", default: "2000" },
    port: { type: "string", default: "3540" },
    db: { type: "string", default: "sqlite" },
  },
});
if (!["sqlite", "postgres"].includes(values.db)) throw new Error(`--db must be sqlite or postgres, not ${values.db}`);
const onPostgres = values.db === "postgres";
const clients = Number(values.clients);
const port = Number(values.port);

const t0 = Date.now();
const pgName = `kv_backup_restore_${port}`;
const pgRestored = `${pgName}_restored`;
if (onPostgres) await Promise.all([dropDatabase(pgName), dropDatabase(pgRestored)]);
const { dir, dbFile, base, env } = prepareServerEnv(`backup-restore-${values.db}`, {
  port,
  count: Number(values.seed),
  databaseUrl: onPostgres ? databaseUrl(pgName) : undefined,
  // One signed-in user writes hundreds of requests a second; the limiter still runs.
  extraEnv: { API_RATE_LIMIT_PER_MINUTE: "1000000000" },
});
const backupFile = path.join(dir, onPostgres ? "backup.dump" : "backup.sqlite");
const restoredFile = path.join(dir, "restored.db");
/** The fresh place a backup is restored into first: a file, or a database of the cluster. */
const restored = onPostgres ? { url: databaseUrl(pgRestored) } : { file: restoredFile };
console.log(`prepared ${dbFile} with ${values.seed} requests in ${Date.now() - t0} ms`);

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

/** Runs an npm script to its end; its output, exit code and duration. */
function run(args, extraEnv = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", ...args], { env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out, ms: Math.round(performance.now() - started) }));
  });
}

const body = (datasetName) => requestBody(datasetName);

/** Writers create requests until `stop.now`; one reader lists the queue. Every answer is recorded. */
async function load(cookie, stop) {
  const acked = []; // { number, name, at } — `at`: when the 201 arrived
  const stats = { sent: 0, other4xx: 0, s5xx: 0, networkErrors: 0, reads: 0 };
  const headers = { "content-type": "application/json", origin: base, cookie };
  const writer = async (c) => {
    for (let i = 0; !stop.now; i++) {
      const name = `bk_c${c}_${i}`;
      stats.sent++;
      try {
        const res = await fetch(`${base}/api/requests`, { method: "POST", headers, body: JSON.stringify(body(name)) });
        if (res.status === 201) acked.push({ number: Number((await res.json()).number.slice(3)), name, at: performance.now() });
        else {
          await res.arrayBuffer();
          if (res.status >= 500) stats.s5xx++;
          else stats.other4xx++;
        }
      } catch {
        stats.networkErrors++;
      }
    }
  };
  const reader = async () => {
    while (!stop.now) {
      try {
        const res = await fetch(`${base}/api/requests`, { headers: { cookie } });
        await res.arrayBuffer();
        stats.reads++;
        if (res.status >= 500) stats.s5xx++;
      } catch {
        stats.networkErrors++;
      }
      await sleep(50);
    }
  };
  await Promise.all([...Array.from({ length: clients }, (_, c) => writer(c)), reader()]);
  return { acked, stats };
}

async function waitExit(server, timeoutMs = 20_000) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  await Promise.race([new Promise((r) => server.once("exit", r)), sleep(timeoutMs)]);
}

const api = async (cookie, p) => {
  const res = await fetch(`${base}${p}`, { headers: { cookie } });
  return { status: res.status, json: res.headers.get("content-type")?.includes("json") ? await res.json() : null };
};

// ---- 1. backup under load -------------------------------------------------------------
let server = startServer(env);
await waitReady(base);
const cookie = await signIn(base, "alice@example.com");

const stop = { now: false };
const loadStarted = performance.now();
const running = load(cookie, stop);
await sleep(3000);
const backupBegan = performance.now();
const backup = await run(["backup", "--", "--out", backupFile]);
const backupEnded = performance.now();
await sleep(1500); // keep writing after the backup too
stop.now = true;
const { acked, stats } = await running;
const loadSeconds = (performance.now() - loadStarted) / 1000;
console.log(backup.out.trim());
check(backup.code === 0, `npm run backup exited 0 (got ${backup.code})`);

const before = acked.filter((a) => a.at < backupBegan);
const during = acked.filter((a) => a.at >= backupBegan && a.at < backupEnded);
const after = acked.filter((a) => a.at >= backupEnded);
check(
  before.length > 0 && during.length > 0 && after.length > 0,
  `writes were acknowledged before (${before.length}), during (${during.length}) and after (${after.length}) the backup`,
);
if (before.length === 0 || after.length === 0) {
  stopServer(server);
  console.log("backup-restore FAILED: no load to check against");
  process.exit(1);
}
check(stats.s5xx === 0 && stats.networkErrors === 0, `the app served throughout: ${stats.s5xx} 5xx, ${stats.networkErrors} network errors`);

// ---- 2. restore into a fresh path -----------------------------------------------------
const restoreFresh = await run(["restore", "--", "--from", backupFile], { DATABASE_URL: restored.url ?? `file:${restoredFile}` });
console.log(restoreFresh.out.trim());
check(restoreFresh.code === 0, `restore into a fresh ${onPostgres ? "database" : "file"} exited 0 (got ${restoreFresh.code})`);

const db = await openDatabaseReader(restored);
// SQLite checks the file's pages; on PostgreSQL pg_restore has put every row back through
// the server in one transaction (a damaged archive fails it), so there is no file to check.
const integrity = onPostgres ? "ok" : (await db.get("PRAGMA integrity_check")).integrity_check;
const numbers = new Map((await db.all('SELECT "number", "datasetName" FROM "DatasetRequest"')).map((r) => [Number(r.number), r.datasetName]));
const missingBefore = before.filter((a) => numbers.get(a.number) !== a.name);
const presentDuring = during.filter((a) => numbers.get(a.number) === a.name).length;
const presentAfter = after.filter((a) => numbers.get(a.number) === a.name).length;
const restoredRequests = numbers.size;
const { n: withoutCreated } = await db.get(
  `SELECT COUNT(*) AS "n" FROM "DatasetRequest" r WHERE NOT EXISTS (SELECT 1 FROM "RequestEvent" e WHERE e."requestNumber" = r."number" AND e."kind" = 'CREATED')`,
);
const countTable = Number((await db.get('SELECT COALESCE(SUM("n"), 0) AS "n" FROM "RequestCount"')).n);
await db.close();
check(integrity === "ok", onPostgres ? "pg_restore put the backup into a fresh database" : `integrity_check of the restored file: ${integrity}`);
check(missingBefore.length === 0, `every write acknowledged before the backup began is restored (${before.length - missingBefore.length}/${before.length})`);
check(withoutCreated === 0, `no restored request lacks its CREATED event (${withoutCreated} do)`);
check(countTable === restoredRequests, `the stored counts match the rows (${countTable} vs ${restoredRequests}): one snapshot, not a mix`);
check(presentAfter === 0, `no write acknowledged after the backup ended is in it (${presentAfter})`);

// ---- 3. restore over the server's own database ----------------------------------------
// While the server runs: refused, and the server goes on serving its own data.
const liveTotal = (await api(cookie, "/api/requests")).json?.total;
const refused = await run(["restore", "--", "--from", backupFile, "--force"]);
console.log(refused.out.trim());
check(refused.code === 1 && /in use/.test(refused.out), `restore over the running server's database is refused (exit ${refused.code})`);
const stillThere = after.at(-1);
const stillServed = await api(cookie, `/api/requests/KV-${stillThere.number}`);
check(
  stillServed.status === 200 && stillServed.json?.datasetName === stillThere.name,
  `after the refusal the server still serves its own data (KV-${stillThere.number}: ${stillServed.status})`,
);

// The documented way: stop, restore, start.
const stopStarted = performance.now();
stopServer(server);
await waitExit(server);
const restoreLive = await run(["restore", "--", "--from", backupFile, "--force"]);
console.log(restoreLive.out.trim());
check(restoreLive.code === 0, `restore over the stopped server's database exited 0 (got ${restoreLive.code})`);
if (!onPostgres) check(!existsSync(`${dbFile}-wal`) || restoreLive.code !== 0, "no stale -wal beside the restored database");
server = startServer(env);
await waitReady(base);
const downtimeMs = Math.round(performance.now() - stopStarted);

// The session alice signed in with is in the backup, so her cookie works again.
const servedTotal = (await api(cookie, "/api/requests")).json?.total;
check(
  servedTotal === restoredRequests,
  `the restarted server serves the restored data: total ${servedTotal} (restored file ${restoredRequests}, before restore ${liveTotal})`,
);
const firstBefore = before[0];
const lastBefore = before.at(-1);
const a = await api(cookie, `/api/requests/KV-${lastBefore.number}`);
check(a.status === 200 && a.json?.datasetName === lastBefore.name, `a request acknowledged before the backup is served (KV-${lastBefore.number}: ${a.status})`);
const b = await api(cookie, `/api/requests/KV-${stillThere.number}`);
check(b.status === 404, `a request acknowledged after the backup is gone (KV-${stillThere.number}: ${b.status})`);
const created = await fetch(`${base}/api/requests`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: base, cookie },
  body: JSON.stringify(body("bk_after_restore")),
});
check(created.status === 201, `the restored server takes writes (${created.status})`);
stopServer(server);
await waitExit(server);

console.table([
  {
    clients,
    "load s": Number(loadSeconds.toFixed(1)),
    sent: stats.sent,
    "acked (201)": acked.length,
    "acked/s": Math.round(acked.length / loadSeconds),
    reads: stats.reads,
    "5xx": stats.s5xx,
    "acked before backup": before.length,
    "acked during backup": during.length,
    "of those in backup": presentDuring,
    "acked after": after.length,
  },
]);
console.table([
  {
    "backup ms (npm run)": backup.ms,
    "backup MB": Number(Number(/([\d.]+) MB/.exec(backup.out)?.[1] ?? 0).toFixed(2)),
    "restored requests": restoredRequests,
    "lost before backup": missingBefore.length,
    "without CREATED": withoutCreated,
    integrity,
    "restore fresh ms": restoreFresh.ms,
    "stop+restore+ready ms": downtimeMs,
    "first/last before": `KV-${firstBefore.number}..KV-${lastBefore.number}`,
  },
]);
rmSync(path.join(dir, "restored.db"), { force: true });
if (onPostgres) await Promise.all([dropDatabase(pgName), dropDatabase(pgRestored)]);
if (failures.length === 0) {
  console.log(`backup-restore: every write acknowledged before the backup began was restored, integrity ok, no 5xx, live restore served`);
  process.exit(0);
}
console.log(`backup-restore FAILED: ${failures.length} check(s):\n  ${failures.join("\n  ")}`);
process.exit(1);
