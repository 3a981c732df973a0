#!/usr/bin/env node
// npm run bench: the app against the bare limit at 10,000, 100,000 and 1,000,000 requests.
//
//   npm run bench                          all three sizes; writes BENCHMARKS.md
//   npm run bench -- --quick               10,000 rows, fewer sorts, 0.5 s per run (proves the harness; not judged)
//   npm run bench -- --sizes 100000 --duration 5 --only "search|page 1" --no-build
//   npm run bench -- --sizes 100000 --only "floor|page 1" --rounds 5 --no-build   (medians of 5 runs)
//   npm run bench -- --sizes 10000 --only pages --no-build   mobile page loads beside the empty page (pages.mjs)
//   npm run bench -- --sizes 100000 --only transfer --no-build   export and import beside their bare limits (transfer.mjs)
//   npm run bench -- --db postgres         SQLite beside PostgreSQL, and one PostgreSQL instance
//                                          against two behind nginx (postgres.mjs)
//   npm run bench -- --sizes 1000000 --only "render|live|memory" --no-build
//                                          issue #20's groups (render.mjs, live.mjs, memory.mjs);
//                                          a complete run runs them on its largest size
//
// For each size it seeds (and caches) a database, builds and starts the production
// server and the bare-limit server (scripts/bench/bare-server.ts) on that database,
// checks that both answer every read scenario with the same JSON, then drives each
// scenario with autocannon on loopback and reports throughput and p50/p95/p99.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { load } from "./load.mjs";
import { createBody, inspectDatabase, scenarios, storedCreates, withCursors } from "./scenarios.mjs";
import { measureFirstLoadJs } from "./first-load-js.mjs";
import { renderReport, renderConsole } from "./report.mjs";
import { findLighthouse, lighthouse } from "./lighthouse.mjs";
import { measurePages, PAGES_GROUP } from "./pages.mjs";
import { benchTransfer, renderTransfer } from "./transfer.mjs";
import { benchRender, renderRenderTable } from "./render.mjs";
import { benchLive, benchLivePostgres, renderLiveTable } from "./live.mjs";
import { benchMemory, METRICS_TOKEN, renderMemoryTable, rssMb } from "./memory.mjs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const WORK = path.join(ROOT, ".tmp", "bench");
const SEED = 42;
const ANCHOR = "2026-11-01";

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    duration: { type: "string" },
    connections: { type: "string", default: "10" },
    // Runs per scenario and server (median kept): the machine is shared, so one run can
    // land on another's busy second.
    rounds: { type: "string", default: "1" },
    "create-connections": { type: "string", default: "64" },
    "create-amount": { type: "string" },
    only: { type: "string" },
    build: { type: "boolean" },
    "no-build": { type: "boolean", default: false },
    out: { type: "string" },
    port: { type: "string", default: "3401" },
    lighthouse: { type: "boolean" },
    "no-lighthouse": { type: "boolean", default: false },
    // Lighthouse mobile runs per page in the page-load scenario (pages.mjs; --only pages).
    "page-runs": { type: "string" },
    // Writes a V8 CPU profile of the app server to .tmp/bench/prof (see profile-summary.mjs).
    profile: { type: "boolean", default: false },
    // Seeds (and caches) the databases of --sizes, then stops: a 1,000,000-row seed takes
    // minutes, so it can be made ahead of a run.
    "seed-only": { type: "boolean", default: false },
    // sqlite: the app against the bare limit. postgres: SQLite beside PostgreSQL (postgres.mjs).
    db: { type: "string", default: "sqlite" },
    // The PostgreSQL databases a run writes (live updates): <prefix>live, dropped after.
    "pg-prefix": { type: "string", default: "kv_bench_" },
    // The memory group's soak (memory.mjs).
    "soak-minutes": { type: "string" },
  },
});
const quick = opts.quick;
const sizes = (opts.sizes ?? (quick ? "10000" : "10000,100000,1000000")).split(",").map(Number);
const duration = Number(opts.duration ?? (quick ? 0.5 : 5));
const warmup = quick ? 0.2 : 1;
const connections = Number(opts.connections);
const rounds = Math.max(1, Math.floor(Number(opts.rounds)) || 1);
const createConnections = Number(opts["create-connections"]);
const createAmount = Number(opts["create-amount"] ?? (quick ? 320 : 10_000));
const appPort = Number(opts.port);
const barePort = appPort + 1;
// Only a complete run (every size, every scenario) replaces the figures in BENCHMARKS.md.
const complete = !quick && !opts.sizes && !opts.only;
const postgresRun = opts.db === "postgres";
const out =
  opts.out ??
  (complete || (postgresRun && !quick && !opts.only)
    ? path.join(ROOT, "BENCHMARKS.md")
    : path.join(WORK, quick ? "BENCHMARKS.quick.md" : "BENCHMARKS.partial.md"));
const only = opts.only ? new RegExp(opts.only) : null;
// Lighthouse once per run, on the 100,000-request database when it is one of the sizes.
const lighthouseBin = opts["no-lighthouse"] || (quick && !opts.lighthouse) ? null : findLighthouse(ROOT);
const lighthouseSize = sizes.includes(100_000) ? 100_000 : sizes[0];
// Page loads (pages.mjs) on the 10,000-request database: page weight, not data size.
const pagesSize = sizes.includes(10_000) ? 10_000 : sizes[0];
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const children = new Set();
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => process.exit(130));

function run(cmd, args, extraEnv = {}, { quiet = false } = {}) {
  try {
    execFileSync(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"] });
  } catch (e) {
    if (quiet) console.error(String(e.stdout ?? ""), String(e.stderr ?? ""));
    throw e;
  }
}

// ---- the database -----------------------------------------------------------

function hashInputs(count) {
  const h = createHash("sha256").update(`${count}:${SEED}:${ANCHOR}`);
  const migrations = path.join(ROOT, "prisma", "migrations");
  for (const dir of readdirSync(migrations).sort()) {
    const file = path.join(migrations, dir, "migration.sql");
    if (existsSync(file)) h.update(dir).update(readFileSync(file));
  }
  h.update(readFileSync(path.join(ROOT, "prisma", "seed.ts")));
  return h.digest("hex").slice(0, 10);
}

const removeDb = (file) => ["", "-wal", "-shm", "-journal", "-limits", "-limits-wal", "-limits-shm"].forEach((s) => rmSync(file + s, { force: true }));

/** A seeded database for `count` requests, cached under .tmp/bench/cache by its inputs. */
function seededDatabase(count) {
  const dir = path.join(WORK, "cache");
  mkdirSync(dir, { recursive: true });
  const key = hashInputs(count);
  const file = path.join(dir, `requests-${count}-${key}.db`);
  // The seeding time is kept beside the database, so a run on a cached one reports it too.
  const timing = `${file}.seconds`;
  if (existsSync(file)) return { file, seedSeconds: existsSync(timing) ? Number(readFileSync(timing, "utf8")) : null };
  for (const old of readdirSync(dir)) if (old.startsWith(`requests-${count}-`)) rmSync(path.join(dir, old), { force: true });
  const tmp = `${file}.tmp`;
  removeDb(tmp);
  log(`seeding ${count.toLocaleString("en-US")} requests into ${path.relative(ROOT, file)}`);
  const started = Date.now();
  const dbEnv = { DATABASE_URL: `file:${tmp}` };
  run("npx", ["prisma", "migrate", "deploy"], dbEnv, { quiet: true });
  run("npx", ["tsx", "prisma/seed.ts", "--count", String(count), "--seed", String(SEED), "--anchor", ANCHOR], dbEnv);
  const seedSeconds = (Date.now() - started) / 1000;
  const db = new Database(tmp);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  renameSync(tmp, file);
  removeDb(tmp);
  writeFileSync(timing, String(seedSeconds));
  log(`seeded in ${seedSeconds.toFixed(0)} s (${(statSync(file).size / 1e6).toFixed(0)} MB)`);
  return { file, seedSeconds };
}

// ---- servers ----------------------------------------------------------------

async function waitReady(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s`);
}

// The app runs with the heap ceiling it is deployed with, read from the Deployment's
// NODE_OPTIONS: V8 then collects its old generation at ~1.4x the live size instead of
// 4x, which is what the server's RSS during an export measures.
const DEPLOYED_HEAP = /--max-old-space-size=\d+/.exec(readFileSync(path.join(ROOT, "deploy", "kubernetes", "deployment.yaml"), "utf8"));
if (!DEPLOYED_HEAP) throw new Error("deploy/kubernetes/deployment.yaml sets no --max-old-space-size");
const APP_NODE_FLAGS = [DEPLOYED_HEAP[0]];

async function startServer(name, cmd, args, extraEnv, port) {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const tail = [];
  const keep = (d) => {
    tail.push(...String(d).split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let stopping = false;
  child.on("exit", (code, signal) => {
    if (!stopping) log(`${name} server exited (${code ?? signal}); its last output:\n${tail.join("\n")}`);
  });
  try {
    await waitReady(`http://127.0.0.1:${port}/api/ready`, child);
  } catch (e) {
    console.error(tail.join("\n"));
    throw e;
  }
  return {
    name,
    child,
    tail,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        // SIGINT lets a profiled server write its profile; Next exits on either.
        child.kill(opts.profile ? "SIGINT" : "SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }).then(() => children.delete(child)),
  };
}

async function signIn(baseUrl, origin, email) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password: "kvstore-demo" }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

// ---- one size ---------------------------------------------------------------

/** Issue #20's groups (render, live): selected by --only, or on the largest size of a full run. */
const feel = (group, count) => (only ? only.test(group) : count === sizes[sizes.length - 1]);

/** Both servers must give the same JSON for every read scenario, or the comparison means nothing. */
async function compareAnswers(list, app, bare, cookie) {
  const problems = [];
  for (const s of list) {
    if (s.method || s.group === "ssr") continue;
    const p = s.paths[0];
    const [a, b] = await Promise.all(
      [app, bare].map(async (srv) => {
        const res = await fetch(srv.url + p, { headers: { cookie, accept: "application/json" } });
        return `${res.status} ${await res.text()}`;
      }),
    );
    if (!a.startsWith("200 ")) problems.push(`${s.name}: app answered ${a.slice(0, 200)}`);
    else if (a !== b) {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      problems.push(`${s.name}: app and bare differ at ${i}: app …${a.slice(Math.max(0, i - 60), i + 60)}… bare …${b.slice(Math.max(0, i - 60), i + 60)}…`);
    }
  }
  return problems;
}

/** Of several runs of one scenario, the one with the median throughput. */
const medianRun = (xs) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)];

/**
 * Latency with one client (what a person sees when the server is not saturated), then
 * throughput with `connections` clients (the server saturated; its p95 is kept too).
 */
async function measure(srv, s, cookie) {
  const headers = { cookie, accept: s.accept ?? "application/json" };
  let i = 0;
  const request = { method: "GET", path: s.paths[0] };
  if (s.paths.length > 1) request.setupRequest = (req) => ({ ...req, path: s.paths[i++ % s.paths.length] });
  const requests = [request];
  await load({ url: srv.url, requests, headers, connections, duration: warmup });
  const single = await load({ url: srv.url, requests, headers, connections: 1, duration });
  const loaded = await load({ url: srv.url, requests, headers, connections, duration });
  return {
    rps: loaded.rps,
    p50: single.p50,
    p95: single.p95,
    p99: single.p99,
    p95Loaded: loaded.p95,
    p99Loaded: loaded.p99,
    errors: single.errors + loaded.errors,
    statusCodes: { single: single.statusCodes, loaded: loaded.statusCodes },
  };
}

async function measureCreates(srv, cookie, stored, tag, origin = `http://localhost:${appPort}`) {
  let i = 0;
  const answered = new Map(); // number → dataset name, from the 201 answers
  const requests = [
    {
      method: "POST",
      path: "/api/requests",
      setupRequest: (req) => ({ ...req, body: createBody(tag, i++) }),
      onResponse: (status, body) => {
        if (status !== 201) return;
        const m = /"number":"KV-(\d+)","datasetName":"([a-z0-9_]+)"/.exec(String(body));
        answered.set(m ? Number(m[1]) : `unparsed-${answered.size}`, m?.[2]);
      },
    },
  ];
  const result = await load({
    url: srv.url,
    requests,
    // Origin: a cookie-carried change must come from the app's own pages (same-origin.ts).
    headers: { cookie, "content-type": "application/json", accept: "application/json", origin },
    connections: createConnections,
    // A fixed number of requests, all answered before counting (a run cut off by time
    // would leave requests in flight), and a generous timeout so none is abandoned.
    amount: createAmount,
    timeout: 120,
  });
  const rows = await stored(tag);
  // Lost: a 201 whose row is missing or holds another name. Duplicated: a name stored
  // twice, or a row beyond the requests sent. Unanswered requests (timeouts) may or may
  // not have been stored; they are reported, not judged.
  const lost = [...answered].filter(([number, name]) => rows.byNumber.get(number) !== name).length;
  const duplicated = rows.rows - rows.names + Math.max(0, rows.rows - i);
  const intact = lost === 0 && duplicated === 0 && rows.events === rows.rows && rows.rows >= answered.size;
  return { ...result, p95Loaded: result.p95, p99Loaded: result.p99, sent: i, created: answered.size, stored: rows.rows, lost, duplicated, intact };
}

async function benchSize(count) {
  const { file: cached, seedSeconds } = seededDatabase(count);
  const dbFile = path.join(WORK, `run-${count}.db`);
  removeDb(dbFile);
  copyFileSync(cached, dbFile);
  const info = await inspectDatabase(dbFile);
  let list = scenarios(info, { quick }).filter((s) => !only || only.test(s.name));
  const dbEnv = { DATABASE_URL: `file:${dbFile}` };

  const appUrl = `http://localhost:${appPort}`;
  log(`${count.toLocaleString("en-US")} requests: starting the app on ${appPort} and the bare limit on ${barePort}`);
  const profileArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(WORK, "prof")}`] : [];
  const app = await startServer(
    "app",
    process.execPath,
    [...profileArgs, ...APP_NODE_FLAGS, path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(appPort)],
    {
      ...dbEnv,
      BETTER_AUTH_URL: appUrl,
      NODE_ENV: "production",
      // The limiter still counts every call (its cost is measured), but one signed-in
      // user drives thousands of requests a second here: the app's limit of 600 a minute
      // per user (lib/env.ts) would turn the run into 429s.
      API_RATE_LIMIT_PER_MINUTE: "1000000000",
      // The empty pages the page loads are measured against (pages.mjs).
      BENCH_EMPTY_PAGES: "1",
      // The memory group reads the V8 heap there.
      METRICS_TOKEN,
    },
    appPort,
  );
  const bare = await startServer(
    "bare",
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/bench/bare-server.ts")],
    // /api/health names the build's commit: the app's, read from its own answer.
    { ...dbEnv, KVSTORE_COMMIT: (await (await fetch(`${app.url}/api/health`)).json()).commit },
    barePort,
  );
  const results = [];
  try {
    const cookie = await signIn(app.url, appUrl, "admin@example.com");
    list = await withCursors(list, app.url, cookie);
    const idleRss = rssMb(app.child.pid);
    const problems = await compareAnswers(list, app, bare, cookie);
    for (const p of problems) log(`MISMATCH ${p}`);

    for (const [n, s] of list.entries()) {
      // --rounds N: N runs per server, alternating which goes first; the run with the
      // median throughput is kept, whole (its latencies with it).
      const runs = { app: [], bare: [] };
      for (let k = 0; k < rounds; k++) {
        const order = (n + k) % 2 === 0 ? [app, bare] : [bare, app];
        for (const srv of order) runs[srv.name].push(await measure(srv, s, cookie));
      }
      const r = { app: medianRun(runs.app), bare: medianRun(runs.bare) };
      results.push({ ...s, app: r.app, bare: r.bare });
      const all = (xs) => (rounds > 1 ? ` (${xs.map((x) => x.rps.toFixed(0)).join(" ")})` : "");
      log(
        `${s.name.padEnd(44)} app ${r.app.rps.toFixed(0).padStart(6)}/s p95 ${r.app.p95.toFixed(1).padStart(6)} ms${all(runs.app)} | bare ${r.bare.rps.toFixed(0).padStart(6)}/s p95 ${r.bare.p95.toFixed(1).padStart(6)} ms${all(runs.bare)}`,
      );
      if (r.app.errors || r.bare.errors) log(`  errors: app ${JSON.stringify(r.app.statusCodes)} bare ${JSON.stringify(r.bare.statusCodes)}`);
    }
    const render = feel("render", count) ? await benchRender({ app, cookie, origin: appUrl, dbFile, log }) : null;
    const live = feel("live", count) ? await benchLive({ app, origin: appUrl, signIn, log }) : null;
    const memory = { idle: idleRss, after: rssMb(app.child.pid) };
    if (feel("memory", count))
      memory.soak = await benchMemory({ app, cookie, origin: appUrl, minutes: Number(opts["soak-minutes"] ?? (quick ? 0.5 : 10)), log });
    let lighthouseResult = null;
    if (count === lighthouseSize && (!only || only.test("lighthouse"))) {
      if (lighthouseBin) {
        log("Lighthouse on /requests (mobile and desktop, 3 runs each)");
        try {
          lighthouseResult = await lighthouse({ bin: lighthouseBin, url: `${appUrl}/requests`, cookie, workDir: path.join(WORK, "lighthouse") });
          for (const [k, v] of Object.entries(lighthouseResult)) log(`Lighthouse ${k}: ${v.score} (runs ${v.scores.join(", ")})`);
        } catch (e) {
          lighthouseResult = { error: String(e.message ?? e) };
          log(lighthouseResult.error);
        }
      } else
        lighthouseResult = {
          error: opts["no-lighthouse"]
            ? "not run (--no-lighthouse)"
            : quick && !opts.lighthouse
              ? "not run with --quick (add --lighthouse)"
              : "Lighthouse not installed (npm install --prefix .tmp/tools lighthouse@13.5.0)",
        };
    }
    let pages = null;
    if (count === pagesSize && lighthouseBin && (!only || only.test(PAGES_GROUP))) {
      const runs = Math.max(1, Number(opts["page-runs"] ?? (quick ? 1 : 5)) || 5);
      log(`page loads: Lighthouse mobile, ${runs} runs of each page`);
      const loadBefore = os.loadavg()[0];
      pages = await measurePages({ bin: lighthouseBin, appUrl, cookie, info, workDir: path.join(WORK, "pages"), runs, log });
      pages.load = `${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`;
    }
    if (!only || only.test("create")) {
      const tag = `${Date.now().toString(36)}`;
      const stored = (t) => storedCreates(dbFile, t);
      const r = { app: await measureCreates(app, cookie, stored, `app_${tag}`), bare: await measureCreates(bare, cookie, stored, `bare_${tag}`) };
      results.push({ name: `create, ${createConnections} clients`, group: "create", ...r });
      for (const k of ["app", "bare"])
        log(
          `create ${k}: ${r[k].rps.toFixed(0)}/s; ${r[k].sent} sent, ${r[k].created} answered 201, ${r[k].stored} stored, ${r[k].lost} lost, ${r[k].duplicated} duplicated: ${r[k].intact ? "intact" : "MISMATCH"}`,
        );
    }
    // Export and import (transfer.mjs): last, since the imports add rows.
    const transfer = await benchTransfer({ root: ROOT, work: WORK, app, cookie, origin: appUrl, dbFile, only, rounds, log });
    return { count, seedSeconds, info, problems, results, lighthouse: lighthouseResult, pages, transfer, render, live, memory };
  } finally {
    await app.stop();
    await bare.stop();
    removeDb(dbFile);
  }
}

// ---- main -------------------------------------------------------------------

async function main() {
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(path.join(ROOT, ".env"))) run("node", ["scripts/init-env.mjs"]);
  process.loadEnvFile(path.join(ROOT, ".env"));
  env.BETTER_AUTH_SECRET = process.env.BETTER_AUTH_SECRET;

  if (opts["seed-only"]) {
    // With --db postgres, the PostgreSQL databases of --sizes too (cached in the cluster).
    const { seededPostgres } = postgresRun ? await import("./postgres.mjs") : {};
    for (const count of sizes) {
      if (postgresRun) await seededPostgres(count, { root: ROOT, run, log, seed: SEED, anchor: ANCHOR });
      else seededDatabase(count);
    }
    return;
  }
  const build = opts.build ?? (!opts["no-build"] && (!quick || !existsSync(path.join(ROOT, ".next", "BUILD_ID"))));
  if (build) {
    log("building the production server (next build)");
    run("npx", ["next", "build"]);
  }
  const firstLoad = measureFirstLoadJs(ROOT, "/(app)/requests/page");
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    sqlite: new Database(":memory:").prepare("SELECT sqlite_version()").pluck().get(),
    loadBefore: os.loadavg(),
  };
  log(`machine: ${machine.cores} cores, load ${machine.loadBefore.map((l) => l.toFixed(2)).join(" ")}`);
  if (postgresRun) return benchPostgres(machine);
  const runs = [];
  for (const count of sizes) {
    const r = await benchSize(count);
    // Live updates on PostgreSQL too, once the SQLite app has stopped (live.mjs).
    if (r.live) {
      const origin = `http://localhost:${appPort + 5}`;
      const deps = { root: ROOT, log, seed: SEED, anchor: ANCHOR, startServer, signIn, origin, port: appPort + 5, prefix: opts["pg-prefix"] };
      r.livePostgres = await benchLivePostgres(count, deps);
    }
    runs.push(r);
  }
  machine.loadAfter = os.loadavg();
  const report = {
    command,
    date: new Date().toISOString(),
    machine,
    quick,
    duration,
    warmup,
    rounds,
    connections,
    createConnections,
    createAmount,
    firstLoad,
    runs,
  };
  writeFileSync(path.join(WORK, `results-${quick ? "quick" : sizes.join("-")}.json`), JSON.stringify(report, null, 2));
  // --only transfer runs no list scenario: no list table and goals to write.
  if (runs.some((r) => r.results.length)) {
    console.log(renderConsole(report));
    writeSection("results", renderReport(report));
  }
  if (runs.some((r) => r.transfer)) writeSection("transfer", renderTransfer(report));
  if (runs.some((r) => r.render)) writeSection("render", renderRenderTable(report));
  if (runs.some((r) => r.memory.soak)) writeSection("memory", renderMemoryTable(report));
  for (const r of runs.filter((x) => x.live)) writeSection("live", renderLiveTable({ ...report, count: r.count, results: [r.live, r.livePostgres] }));
  const broken = runs.some((r) => r.problems.length || r.results.some((x) => x.group === "create" && !(x.app.intact && x.bare.intact)));
  if (broken) {
    log("the harness found mismatches or lost writes (see above)");
    process.exitCode = 1;
  }
}

/** Replaces the block between `<!-- bench:<name>:begin -->` and its end in the report file (or appends it). */
function writeSection(name, md) {
  const existing = existsSync(out) ? readFileSync(out, "utf8") : "";
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${begin}\n${md}\n${end}`;
  writeFileSync(
    out,
    existing.includes(begin) ? existing.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block) : `${existing}${existing ? "\n" : ""}${block}\n`,
  );
  log(`wrote ${path.relative(ROOT, out)}`);
}

async function benchPostgres(machine) {
  const { benchPostgresSize, renderPostgres } = await import("./postgres.mjs");
  const { withAdmin } = await import("../postgres-databases.mjs");
  machine.postgres = await withAdmin(async (c) => (await c.query("SHOW server_version")).rows[0].server_version);
  const deps = {
    root: ROOT,
    work: WORK,
    run,
    log,
    startServer,
    signIn,
    measure,
    measureCreates,
    seededDatabase,
    appPort,
    quick,
    only,
    seed: SEED,
    anchor: ANCHOR,
    createAmount,
  };
  const runs = [];
  for (const count of sizes) runs.push(await benchPostgresSize(count, deps));
  machine.loadAfter = os.loadavg();
  const report = { command, date: new Date().toISOString(), machine, runs };
  writeSection("postgres", renderPostgres(report));
  if (runs.some((r) => r.problems.length || !r.instances.one.creates.intact || !r.instances.two.creates.intact)) {
    log("the databases answered differently or writes were lost (see above)");
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
