// Export and import at scale (issue #20), one size at a time, on the app server bench.mjs
// started. Each scenario runs beside its bare limit (bare-transfer.ts, a separate
// process on the same database file) measured in the same run:
//
//   export: GET /api/requests/export (CSV and JSON; no filter, and one status) read to the
//           end, rows/s against the bare query → csv-stringify (or JSON.stringify) stream.
//           Meanwhile the app server's RSS (its process tree) is sampled, and a second
//           client lists page 1 (GET /api/requests) one call after another: its p95.
//   import: POST /api/requests/import of 10,000 rows (CSV and JSON) in validate and
//           all-or-nothing modes, rows/s against the bare parse + insert of the same file,
//           with the same second client listing meanwhile.
//
// Selected with --only transfer (or export / import: the regex is tried on
// "transfer: <scenario name>").
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { stringify } from "csv-stringify/sync";
import { treeCpu, treeRss } from "./proc.mjs";
import { percentile } from "./load.mjs";
import { createBody } from "./scenarios.mjs";
import { f0, f1, n } from "./format.mjs";

const execFileAsync = promisify(execFile);
/** The status of the filtered exports: the queue's new work, ~8 % of the seeded rows. */
export const EXPORT_STATUS = "SUBMITTED";
export const IMPORT_ROWS = 10_000;
const SAMPLE_MS = 200;

/**
 * Samples the server's RSS until stopped: before, peak, growth (peak − before), and the
 * growth after the first tenth of the run (its trend, once the heap has sized itself).
 */
function rssSampler(pid) {
  const before = treeRss(pid);
  const samples = [];
  const timer = setInterval(() => samples.push(treeRss(pid)), SAMPLE_MS);
  return () => {
    clearInterval(timer);
    samples.push(treeRss(pid));
    const peak = Math.max(before, ...samples);
    const tenth = Math.floor(samples.length / 10);
    return { before, peak, after: samples.at(-1), growth: peak - before, lateGrowth: Math.max(...samples.slice(tenth)) - samples[tenth] };
  };
}

/** A second user's list calls, one after another, until stopped: their latencies (ms). */
function lister(url, cookie) {
  const times = [];
  let errors = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/api/requests`, { headers: { cookie, accept: "application/json" } });
        await res.arrayBuffer();
        if (res.ok) times.push(performance.now() - t0);
        else errors++;
      } catch {
        errors++;
      }
    }
  })();
  return async () => {
    running = false;
    await done;
    const sorted = Float64Array.from(times).sort();
    return { calls: sorted.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
  };
}

async function bare(root, args) {
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/bench/bare-transfer.ts"), ...args],
    {
      cwd: root,
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1));
}

/** One run of `work` (k: which run) alone: its time, and the server's CPU time and RSS meanwhile. */
async function alone(app, work, k) {
  const stopRss = rssSampler(app.child.pid);
  const cpuBefore = treeCpu(app.child.pid);
  const started = performance.now();
  const result = await work(k);
  const seconds = (performance.now() - started) / 1000;
  return { ...result, seconds, cpuSeconds: treeCpu(app.child.pid) - cpuBefore, rss: stopRss() };
}

const median = (runs) => [...runs].sort((x, y) => x.seconds - y.seconds)[Math.floor(runs.length / 2)];

/**
 * `rounds` runs of the app's transfer alone and of the bare one (alternating which goes
 * first; the median run of each kept), then one more app run while a second client lists
 * page 1 one call after another: its p95. Alone, since the second client's calls would
 * take CPU from the app's run and not from the bare one.
 */
async function measure(app, cookie, rounds, appRun, bareRun) {
  const apps = [];
  const bares = [];
  for (let k = 0; k < rounds; k++) {
    if (k % 2 === 0) apps.push(await alone(app, appRun, k));
    bares.push(await bareRun(k));
    if (k % 2 === 1) apps.push(await alone(app, appRun, k));
  }
  const stopList = lister(app.url, cookie);
  const listed = await alone(app, appRun, rounds);
  const list = await stopList();
  // The worst RSS growth of every app run, the listed one included.
  const rss = [...apps, listed].map((r) => r.rss).reduce((w, r) => (r.growth > w.growth ? r : w));
  return { app: { ...median(apps), rss, secondsWithList: listed.seconds, list }, bare: median(bares) };
}

/** One export read to its end: its bytes, and its rows where they can be counted. */
function appExport(app, cookie, format, status) {
  const query = new URLSearchParams({ format });
  if (status) query.set("status", status);
  return async () => {
    const res = await fetch(`${app.url}/api/requests/export?${query}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`export ${query}: ${res.status} ${await res.text()}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    // JSON: one row a line between "[" and "]"; CSV cells may hold line breaks, so lines are not rows there.
    return { bytes, rows: format === "json" ? Math.max(0, lines - 2) : null };
  };
}

/**
 * The import file: IMPORT_ROWS valid requests whose names are new (tag), in one format.
 * Names and use cases are kept short: 10,000 rows must fit the 5 MB limit.
 */
function importFile(tag, format) {
  const base = JSON.parse(createBody("", 0));
  const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => ({ ...base, datasetName: `i${tag}_${i}`, useCase: `Imported counters, row ${i}.` }));
  if (format === "json") return JSON.stringify(rows);
  const columns = Object.keys(rows[0]);
  return stringify(
    rows.map((r) => columns.map((c) => (c === "regions" ? r[c].join(";") : r[c]))),
    { header: true, columns },
  );
}

/** Run k of one import; `fileFor(k)`: its file, its names new (all-or-nothing stores them). */
function appImport(app, cookie, origin, format, mode, fileFor) {
  return async (k) => {
    const body = fileFor(k);
    const res = await fetch(`${app.url}/api/requests/import?mode=${mode}`, {
      method: "POST",
      headers: { cookie, origin, accept: "application/json", "content-type": format === "csv" ? "text/csv" : "application/json" },
      body,
    });
    const report = await res.json();
    if (!res.ok) throw new Error(`import ${format} ${mode}: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
    const expected = mode === "validate" ? report.valid : report.imported;
    if (expected !== IMPORT_ROWS) throw new Error(`import ${format} ${mode}: ${JSON.stringify({ ...report, rows: undefined })}`);
    return { rows: IMPORT_ROWS, bytes: body.length };
  };
}

/** The scenario's rates, logged. */
function logged(log, r) {
  r.app.rate = r.rows / r.app.seconds;
  r.bare.rate = r.rows / r.bare.seconds;
  log(
    `${r.name.padEnd(36)} ${r.rows} rows: app ${r.app.rate.toFixed(0)} rows/s (${r.app.seconds.toFixed(1)} s, CPU ${r.app.cpuSeconds.toFixed(1)} s, RSS +${(r.app.rss.growth / 2 ** 20).toFixed(0)} MB, list p95 ${r.app.list.p95.toFixed(1)} ms, max ${r.app.list.max.toFixed(0)} ms) | bare ${r.bare.rate.toFixed(0)} rows/s (CPU ${r.bare.cpuSeconds.toFixed(1)} s)`,
  );
  return r;
}

const exportName = (format, status) => `export ${format}${status ? `, status=${status}` : ", no filter"}`;
const EXPORTS = ["csv", "json"].flatMap((format) => [null, EXPORT_STATUS].map((status) => ({ name: exportName(format, status), format, status })));
const IMPORTS = ["csv", "json"].flatMap((format) =>
  ["validate", "all-or-nothing"].map((mode) => ({ name: `import ${IMPORT_ROWS.toLocaleString("en-US")} ${format}, ${mode}`, format, mode })),
);

/** Every transfer scenario of one size that `only` selects. */
export async function benchTransfer({ root, work, app, cookie, origin, dbFile, only, rounds, log }) {
  const picked = (name) => !only || only.test(`transfer: ${name}`);
  const cases = [...EXPORTS, ...IMPORTS].filter((c) => picked(c.name));
  if (cases.length === 0) return null;
  const db = new Database(dbFile, { readonly: true });
  const countOf = (status) => db.prepare(`SELECT COUNT(*) AS n FROM "DatasetRequest"${status ? ` WHERE "status" = ?` : ""}`).get(...(status ? [status] : [])).n;
  const requesterId = db.prepare(`SELECT "id" FROM "user" WHERE "email" = 'admin@example.com'`).get().id;
  const exportRows = { all: countOf(null), status: countOf(EXPORT_STATUS) };
  db.close();

  // The second client alone first: its p95 with nothing else running, for scale.
  const stopIdle = lister(app.url, cookie);
  await new Promise((r) => setTimeout(r, 3000));
  const idleList = await stopIdle();
  log(`transfer: list page 1 alone p95 ${idleList.p95.toFixed(1)} ms (${idleList.calls} calls)`);

  const exports = [];
  for (const { name, format, status } of cases.filter((c) => c.status !== undefined)) {
    const rows = status ? exportRows.status : exportRows.all;
    const { app: a, bare: b } = await measure(app, cookie, rounds, appExport(app, cookie, format, status), () =>
      bare(root, ["export", dbFile, format, ...(status ? [status] : [])]),
    );
    if (a.rows !== null && a.rows !== rows) throw new Error(`${name}: the app sent ${a.rows} rows of ${rows}`);
    if (b.rows !== rows) throw new Error(`${name}: the bare script read ${b.rows} rows of ${rows}`);
    exports.push(logged(log, { name, rows, app: a, bare: b }));
  }

  const imports = [];
  const tag = Date.now().toString(36).slice(-5);
  for (const [i, { name, format, mode }] of cases.filter((c) => c.mode).entries()) {
    const bareImport = (k) => {
      const file = path.join(work, `import-bare.${format}`);
      writeFileSync(file, importFile(`${tag}${format[0]}${i}b${k}`, format));
      return bare(root, ["import", dbFile, file, format, requesterId]);
    };
    const appRun = appImport(app, cookie, origin, format, mode, (k) => importFile(`${tag}${format[0]}${i}${k}`, format));
    const { app: a, bare: b } = await measure(app, cookie, rounds, appRun, bareImport);
    imports.push(logged(log, { name, rows: IMPORT_ROWS, app: a, bare: b }));
  }
  return { idleList, exports, imports };
}

// ---- the report ---------------------------------------------------------------

const mb = (bytes) => f0(bytes / 2 ** 20);
const mark = (ok) => (ok ? "met" : "**not met**");

/** The transfer tables and goals of every size that ran them. */
export function renderTransfer(report) {
  const runs = report.runs.filter((r) => r.transfer);
  const out = [
    "#### Export and import (written by `npm run bench`, scripts/bench/transfer.mjs)",
    "",
    `- Command: \`${report.command}\`, ${report.date.slice(0, 16).replace("T", " ")} UTC; load average before ${report.machine.loadBefore.map(f1).join(" ")}, after ${report.machine.loadAfter.map(f1).join(" ")}`,
    `- Rates are rows per second, from the request sent to the last byte read (one client, loopback), each transfer alone${report.rounds > 1 ? `, the median of ${report.rounds} runs (app and bare alternating)` : ""}; CPU s: the CPU time (user + system) the app server (or the bare script) used meanwhile, which the machine's other load hardly changes: "÷ by CPU" compares rows per CPU second. "bare" is scripts/bench/bare-transfer.ts on the same database file in the same run: export = one query streamed through csv-stringify / JSON.stringify into a byte counter; import = the file parsed and inserted with the app's statements in one transaction, no checks. RSS: the app server's process tree, sampled every ${SAMPLE_MS} ms (growth = peak − before; "after the first tenth": the highest sample after the first tenth of the run less the sample there, the trend once the heap has sized itself). List p95: each app transfer runs once more while a second client calls GET /api/requests (page 1), one call after another; "s with list" is that run's time.`,
  ];
  for (const run of runs) {
    const t = run.transfer;
    out.push(
      "",
      `##### ${n(run.count)} requests`,
      "",
      `List page 1 with nothing else running: p95 ${f1(t.idleList.p95)} ms (${t.idleList.calls} calls in 3 s).`,
      "",
    );
    out.push(
      "| scenario | rows | app rows/s | app s / CPU s | bare rows/s | bare s / CPU s | app ÷ bare | ÷ by CPU | server RSS before → peak (growth; after the first tenth), MB | list p95 / max meanwhile, ms | app s with list | goals |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    );
    for (const r of [...t.exports, ...t.imports]) {
      const ratio = r.app.rate / r.bare.rate;
      const isExport = r.name.startsWith("export");
      const goals = [`rate ${mark(ratio >= 0.5)}`];
      if (isExport) goals.push(`list p95 ${mark(r.app.list.p95 <= 50)}`);
      if (isExport && r.rows >= 1_000_000) goals.push(`RSS ${mark(r.app.rss.growth <= 100 * 2 ** 20)}`);
      if (!isExport) goals.push(`answers meanwhile: ${r.app.list.errors ? `**${r.app.list.errors} errors**` : `${r.app.list.calls} calls`}`);
      out.push(
        `| ${r.name} | ${n(r.rows)} | ${f0(r.app.rate)} | ${f1(r.app.seconds)} / ${f1(r.app.cpuSeconds)} | ${f0(r.bare.rate)} | ${f1(r.bare.seconds)} / ${f1(r.bare.cpuSeconds)} | ${f0(ratio * 100)} % | ${f0((r.bare.cpuSeconds / r.app.cpuSeconds) * 100)} % | ${mb(r.app.rss.before)} → ${mb(r.app.rss.peak)} (+${mb(r.app.rss.growth)}; +${mb(r.app.rss.lateGrowth)}) | ${f1(r.app.list.p95)} / ${f0(r.app.list.max)} (${r.app.list.calls} calls) | ${f1(r.app.secondsWithList)} | ${goals.join(", ")} |`,
      );
    }
  }
  return out.join("\n");
}
