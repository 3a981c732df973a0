// Times the queue's free-text search (lib/data/requests/list-query.ts) straight on a
// database file, read-only: each query's p50 and p95 over a number of runs.
//
//   node --conditions=react-server --import tsx scripts/bench/search-timing.ts <db> [runs] [filter]
//
// <db> is a seeded database, e.g. the benchmark's 1,000,000-row cache in .tmp/bench/cache.
// [filter] keeps only the cases whose label contains it.
import Database from "better-sqlite3";
import { runListQuery } from "../../lib/data/requests/list-query";
import { listRequestsQuerySchema, SORT_FIELDS, type ListRequestsQueryInput } from "../../lib/schemas/request";

const [file, runsArg, only] = process.argv.slice(2);
if (!file) throw new Error("usage: search-timing.ts <db> [runs] [filter]");
const runs = Number(runsArg ?? 30);
// Opened as the app opens its read connection (lib/db/sqlite-connections.ts): default cache.
const db = new Database(file, { readonly: true, fileMustExist: true });

const words = {
  broad: "checkout",
  name: "ads_ranking_notification_prefs_v2180",
  number: "KV-500000",
  medium: "knowledge base",
  rare: "zebra",
};

const cases: [string, ListRequestsQueryInput][] = [];
for (const [kind, q] of Object.entries(words)) {
  cases.push([`${kind} number desc p1`, { q }]);
  cases.push([`${kind} number desc p40`, { q, page: "40" }]);
  cases.push([`${kind} +status open`, { q, status: ["SUBMITTED", "IN_REVIEW"] }]);
  for (const sort of SORT_FIELDS.filter((s) => s !== "number")) {
    cases.push([`${kind} ${sort} asc p1`, { q, sort, order: "asc" }]);
  }
  cases.push([`${kind} updatedAt desc p40`, { q, sort: "updatedAt", page: "40" }]);
  cases.push([`${kind} datasetName asc +status p2`, { q, sort: "datasetName", order: "asc", status: ["COMPLETED"], page: "2" }]);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
// Wall time is what a caller waits; CPU time (user + system) is steadier on a shared machine.
console.log(`${"case".padEnd(52)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"cpu p50".padStart(8)} ${"cpu p95".padStart(8)}  total`);
for (const [label, input] of cases) {
  if (only && !label.includes(only)) continue;
  const query = listRequestsQuerySchema.parse(input);
  const times: number[] = [];
  const cpu: number[] = [];
  let result = runListQuery(db, query, "user_admin"); // warm
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    result = runListQuery(db, query, "user_admin");
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const r = result as { total: number; totalIsLowerBound?: boolean };
  console.log(
    `${label.padEnd(52)} ${pct(times, 50).toFixed(1).padStart(8)} ${pct(times, 95).toFixed(1).padStart(8)} ${pct(cpu, 50).toFixed(1).padStart(8)} ${pct(cpu, 95).toFixed(1).padStart(8)}  ${r.totalIsLowerBound ? "≥" : ""}${r.total} (${result.items.length} rows)`,
  );
}
