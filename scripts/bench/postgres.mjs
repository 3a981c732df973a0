// npm run bench -- --db postgres: the same scenarios on SQLite and on PostgreSQL, and
// one PostgreSQL instance against two behind nginx, in one run (issue #18).
//
//   npm run bench -- --db postgres                         10,000, 100,000 and 1,000,000 requests
//   npm run bench -- --db postgres --sizes 100000 --no-build
//
// Per size: the SQLite app over the cached seeded file (bench.mjs seededDatabase), then
// the PostgreSQL app over a database seeded the same way (same seed, same anchor date,
// so the same rows: both must give the same JSON for every read scenario), cached in the
// test cluster (POSTGRES_TEST_URL) as a template; then the throughput of one PostgreSQL
// instance behind nginx against two behind nginx (round robin), reads and creates.
// bench.mjs hands in its helpers (servers, sign-in, measurement), so both measure alike.
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startNginx } from "../nginx.mjs";
import { createDatabase, databaseUrl, dropDatabase, dropDatabasesByPrefix, numberedPlaceholders, quoteIdentifier, withAdmin } from "../postgres-databases.mjs";
import { inspectDatabase, inspectWith, scenarios, storedCreatesWith, withCursors } from "./scenarios.mjs";
import { f0, f1 } from "./format.mjs";

const RUN_DATABASE = "kv_bench_run";
const THROUGHPUT = /^list number desc, page 1$|^search "checkout"|^request page|^floor: GET \/api\/me/;

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const queryOn = (client) => async (sql, params) => (await client.query(numberedPlaceholders(sql), params)).rows;

/** A seeded PostgreSQL database for `count` requests, kept in the cluster by its inputs (migrations, seed). */
export function cacheName(root, count, seed, anchor) {
  const h = createHash("sha256").update(`${count}:${seed}:${anchor}`);
  const dir = path.join(root, "prisma", "postgres", "migrations");
  for (const name of readdirSync(dir).sort()) h.update(name).update(readFileSync(path.join(dir, name, "migration.sql")));
  h.update(readFileSync(path.join(root, "prisma", "seed.ts")));
  return `kv_bench_${count}_${h.digest("hex").slice(0, 10)}`;
}

export async function seededPostgres(count, { root, run, log, seed, anchor }) {
  const name = cacheName(root, count, seed, anchor);
  const exists = await withAdmin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount > 0);
  if (exists) {
    const seconds = await withClient(databaseUrl(name), async (c) => Number((await c.query(`SELECT value FROM "_bench_seed"`)).rows[0]?.value ?? NaN));
    return { name, seedSeconds: seconds };
  }
  // Older caches of this size (other inputs), and a half-built one.
  await dropDatabasesByPrefix(`kv_bench_${count}_`);
  const building = `${name}_tmp`;
  log(`seeding ${count.toLocaleString("en-US")} requests into PostgreSQL ${name}`);
  const started = Date.now();
  const dbEnv = { DATABASE_URL: databaseUrl(building) };
  run("node", ["scripts/migrate.mjs"], dbEnv, { quiet: true });
  run("npx", ["tsx", "prisma/seed.ts", "--count", String(count), "--seed", String(seed), "--anchor", anchor], dbEnv);
  const seedSeconds = (Date.now() - started) / 1000;
  await withClient(databaseUrl(building), async (c) => {
    await c.query("VACUUM ANALYZE");
    await c.query(`CREATE TABLE "_bench_seed" (value text); INSERT INTO "_bench_seed" VALUES ('${seedSeconds}')`);
  });
  await withAdmin((c) => c.query(`ALTER DATABASE ${quoteIdentifier(building)} RENAME TO ${quoteIdentifier(name)}`));
  log(`seeded PostgreSQL in ${seedSeconds.toFixed(0)} s`);
  return { name, seedSeconds };
}

/** Runs every scenario of `list` against `srv` (one client, then loaded). */
async function measureAll(srv, list, cookie, { measure, log, label }) {
  const out = new Map();
  for (const s of list) {
    const r = await measure(srv, s, cookie);
    out.set(s.name, r);
    log(
      `${label.padEnd(10)} ${s.name.padEnd(44)} ${r.rps.toFixed(0).padStart(6)}/s p95 ${r.p95.toFixed(1).padStart(6)} ms${r.errors ? ` errors ${JSON.stringify(r.statusCodes)}` : ""}`,
    );
  }
  return out;
}

/** The JSON of every read scenario from both apps: the same rows should give the same answers. */
async function compare(list, a, b, cookieA, cookieB) {
  const problems = [];
  for (const s of list) {
    if (s.group === "ssr" || s.group === "floor") continue;
    const [x, y] = await Promise.all(
      [
        [a, cookieA],
        [b, cookieB],
      ].map(async ([srv, cookie]) => {
        const res = await fetch(srv.url + s.paths[0], { headers: { cookie, accept: "application/json" } });
        // An error body names its request (a fresh id each time): not part of the answer.
        return `${res.status} ${(await res.text()).replace(/"requestId":"[^"]*"/g, '"requestId":"…"')}`;
      }),
    );
    if (x !== y) {
      let i = 0;
      while (i < x.length && x[i] === y[i]) i++;
      problems.push(`${s.name}: SQLite and PostgreSQL differ at ${i}: …${x.slice(Math.max(0, i - 50), i + 50)}… vs …${y.slice(Math.max(0, i - 50), i + 50)}…`);
    }
  }
  return problems;
}

export async function benchPostgresSize(count, deps) {
  const { root, work, run, log, startServer, signIn, measure, measureCreates, seededDatabase, appPort, quick, only, seed, anchor, createAmount } = deps;
  const appUrl = `http://localhost:${appPort}`;
  const nextArgs = (port) => [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)];
  const serverEnv = (url, authUrl) => ({
    DATABASE_URL: url,
    BETTER_AUTH_URL: authUrl,
    NODE_ENV: "production",
    API_RATE_LIMIT_PER_MINUTE: "1000000000",
  });

  // SQLite, as bench.mjs runs it.
  const { file: cached } = seededDatabase(count);
  const dbFile = path.join(work, `run-pg-compare-${count}.db`);
  copyFileSync(cached, dbFile);
  const info = await inspectDatabase(dbFile);
  let list = scenarios(info, { quick }).filter((s) => !only || only.test(s.name));
  const sqliteApp = await startServer("app (SQLite)", process.execPath, nextArgs(appPort), serverEnv(`file:${dbFile}`, appUrl), appPort);
  let sqliteCookie;
  let sqlite;
  try {
    sqliteCookie = await signIn(sqliteApp.url, appUrl, "admin@example.com");
    list = await withCursors(list, sqliteApp.url, sqliteCookie);
    sqlite = await measureAll(sqliteApp, list, sqliteCookie, { measure, log, label: "SQLite" });
  } catch (e) {
    await sqliteApp.stop();
    throw e;
  }

  // PostgreSQL: a fresh copy of the seeded database for this run.
  const { name: template, seedSeconds } = await seededPostgres(count, { root, run, log, seed, anchor });
  await dropDatabase(RUN_DATABASE);
  await createDatabase(RUN_DATABASE, { template });
  const runUrl = databaseUrl(RUN_DATABASE);
  const pgInfo = await withClient(runUrl, (c) => inspectWith(queryOn(c)));
  const pgApp = await startServer("app (PostgreSQL)", process.execPath, nextArgs(appPort + 10), serverEnv(runUrl, appUrl), appPort + 10);
  let postgres;
  let problems = [];
  const instances = {};
  try {
    const cookie = await signIn(pgApp.url, appUrl, "admin@example.com");
    if (JSON.stringify(pgInfo) !== JSON.stringify(info)) problems.push("the seeded PostgreSQL database differs from the SQLite one (counts, numbers or names)");
    problems.push(...(await compare(list, sqliteApp, pgApp, sqliteCookie, cookie)));
    for (const p of problems) log(`MISMATCH ${p}`);
    await sqliteApp.stop();
    postgres = await measureAll(pgApp, list, cookie, { measure, log, label: "PostgreSQL" });

    // One instance against two, both behind nginx, on this machine's two cores.
    const lbUrl = (port) => `http://localhost:${port}`;
    const second = await startServer("app (PostgreSQL, 2nd)", process.execPath, nextArgs(appPort + 11), serverEnv(runUrl, appUrl), appPort + 11);
    const one = startNginx({ port: appPort + 12, upstreamPorts: [appPort + 10], dir: path.join(work, "nginx-one") });
    const two = startNginx({ port: appPort + 13, upstreamPorts: [appPort + 10, appPort + 11], dir: path.join(work, "nginx-two") });
    try {
      await new Promise((r) => setTimeout(r, 500));
      const stored = (tag) => withClient(runUrl, (c) => storedCreatesWith(queryOn(c), tag));
      const tag = Date.now().toString(36);
      for (const [key, port] of [
        ["one", appPort + 12],
        ["two", appPort + 13],
      ]) {
        const srv = { url: lbUrl(port) };
        const reads = await measureAll(
          srv,
          list.filter((s) => THROUGHPUT.test(s.name)),
          cookie,
          { measure, log, label: `nginx×${key === "one" ? 1 : 2}` },
        );
        const creates = await measureCreates(srv, cookie, stored, `pg${key}_${tag}`, appUrl);
        log(
          `nginx×${key === "one" ? 1 : 2} creates: ${creates.rps.toFixed(0)}/s, ${creates.created} of ${creates.sent} answered 201, ${creates.lost} lost: ${creates.intact ? "intact" : "MISMATCH"}`,
        );
        instances[key] = { reads, creates };
      }
    } finally {
      one.kill("SIGTERM");
      two.kill("SIGTERM");
      await second.stop();
    }
  } finally {
    await sqliteApp.stop();
    await pgApp.stop();
  }
  return { count, seedSeconds, createAmount, list: list.map((s) => ({ name: s.name, group: s.group })), sqlite, postgres, instances, problems };
}

// "deep" (a page by its number, at the middle) is judged apart from the lists: the
// queue reaches deep pages by "next", from a cursor ("next").
const LIST_GROUPS = new Set(["page1", "next", "filter", "search"]);

/** The PostgreSQL section of BENCHMARKS.md. */
export function renderPostgres(report) {
  const lines = [
    `## SQLite and PostgreSQL, one instance and two (\`${report.command}\`)`,
    "",
    `${report.date.slice(0, 16).replace("T", " ")} UTC; ${report.machine.cores} cores, ${report.machine.cpu}; PostgreSQL ${report.machine.postgres}; load ${report.machine.loadBefore.map((l) => l.toFixed(2)).join(" ")} before.`,
    "Latencies with one client (p50 / p95 / p99, ms), throughput with 10 clients; the same seeded rows in both databases.",
    "",
  ];
  for (const run of report.runs) {
    lines.push(`### ${run.count.toLocaleString("en-US")} requests (PostgreSQL seeded in ${f0(run.seedSeconds)} s)`, "");
    lines.push("| scenario | SQLite req/s | SQLite p50 / p95 / p99 | PostgreSQL req/s | PostgreSQL p50 / p95 / p99 |", "|---|---:|---:|---:|---:|");
    for (const { name } of run.list) {
      const a = run.sqlite.get?.(name) ?? run.sqlite[name];
      const b = run.postgres.get?.(name) ?? run.postgres[name];
      lines.push(`| ${name} | ${f0(a.rps)} | ${f1(a.p50)} / ${f1(a.p95)} / ${f1(a.p99)} | ${f0(b.rps)} | ${f1(b.p50)} / ${f1(b.p95)} / ${f1(b.p99)} |`);
    }
    lines.push("", "One PostgreSQL instance against two, each behind nginx (round robin), 10 clients:", "");
    lines.push("| scenario | 1 instance req/s | 2 instances req/s | 2 ÷ 1 |", "|---|---:|---:|---:|");
    const { one, two } = run.instances;
    for (const [name, r1] of one.reads) {
      const r2 = two.reads.get(name);
      lines.push(`| ${name} | ${f0(r1.rps)} | ${f0(r2.rps)} | ${(r2.rps / r1.rps).toFixed(2)} |`);
    }
    lines.push(
      `| create (${run.createAmount} requests, 64 clients; lost ${one.creates.lost} and ${two.creates.lost}) | ${f0(one.creates.rps)} | ${f0(two.creates.rps)} | ${(two.creates.rps / one.creates.rps).toFixed(2)} |`,
      "",
    );
    if (run.problems.length) lines.push("Answers that differ between the databases:", "", ...run.problems.map((p) => `- ${p}`), "");
    else lines.push("Both databases gave the same JSON for every read scenario.", "");
  }
  // The issue's goals on PostgreSQL.
  const big = report.runs.find((r) => r.count === 1_000_000) ?? report.runs.at(-1);
  const small = report.runs.find((r) => r.count === 10_000);
  if (big) {
    const at = (run, name) => run.postgres.get?.(name) ?? run.postgres[name];
    const lists = big.list.filter((s) => LIST_GROUPS.has(s.group) && s.group !== "search");
    const searches = big.list.filter((s) => s.group === "search");
    const worst = (xs) => xs.reduce((m, s) => (at(big, s.name).p95 > at(big, m.name).p95 ? s : m), xs[0]);
    const wl = worst(lists);
    const ws = worst(searches);
    lines.push(`Goals on PostgreSQL at ${big.count.toLocaleString("en-US")} requests:`, "", "| goal | measured | |", "|---|---|---|");
    lines.push(
      `| every list scenario p95 ≤ 25 ms (deep pages as "next" reads them, after a cursor) | worst ${f1(at(big, wl.name).p95)} ms (${wl.name}) | ${at(big, wl.name).p95 <= 25 ? "met" : "**not met**"} |`,
    );
    const jumps = big.list.filter((s) => s.group === "deep");
    if (jumps.length) {
      const wj = worst(jumps);
      lines.push(
        `| the same, for the middle page by its number (a jump: an offset, no cursor) | worst ${f1(at(big, wj.name).p95)} ms (${wj.name}) | ${at(big, wj.name).p95 <= 25 ? "met" : "**not met**"} |`,
      );
    }
    lines.push(`| free-text search p95 ≤ 50 ms | worst ${f1(at(big, ws.name).p95)} ms (${ws.name}) | ${at(big, ws.name).p95 <= 50 ? "met" : "**not met**"} |`);
    if (small && small !== big) {
      const page1 = big.list.filter((s) => s.group === "page1");
      const growth = Math.max(...page1.map((s) => at(big, s.name).p95 / Math.max(0.1, at(small, s.name).p95)));
      lines.push(
        `| page-1 p95 growth 10,000 → ${big.count.toLocaleString("en-US")} ≤ 2× | worst ${growth.toFixed(2)}× | ${growth <= 2 ? "met" : "**not met**"} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
