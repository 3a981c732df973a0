// npm run bench -- --only render: the server render of the pages people open most, as a
// signed-in admin, beside the floor of the same layout in the same run (issue #20).
//
//   npm run bench -- --sizes 1000000 --only render --no-build
//
// Insights over its three ranges, and one request's page, by number and by dataset name,
// after 50 history events and 50 comments were added to it through the app's own API
// (on the bench's copy of the database), and the busiest live dataset's page. Goals:
// insights p95 ≤ 150 ms, request and dataset pages p95 ≤ 50 ms (1 client, production build).
import Database from "better-sqlite3";
import { percentile } from "./load.mjs";
import { f1 } from "./format.mjs";

export const RENDER_GROUP = "render";
const HISTORY = 50;
const COMMENTS = 50;
const INSIGHTS_GOAL_MS = 150;
const PAGE_GOAL_MS = 50;

/** An open request in the middle of the numbers (its priority can still change), and the live dataset with the longest history. */
export function renderTargets(file) {
  const db = new Database(file, { readonly: true });
  try {
    const max = db.prepare(`SELECT MAX("number") FROM "DatasetRequest"`).pluck().get();
    const request = db
      .prepare(
        `SELECT "number", "datasetName" FROM "DatasetRequest" WHERE "number" >= ? AND "status" IN ('SUBMITTED', 'IN_REVIEW') AND "requestType" = 'NEW'
         ORDER BY "number" LIMIT 1`,
      )
      .get(Math.floor(max / 2));
    const dataset = db
      .prepare(
        `SELECT "d"."liveName" AS "name", COUNT(*) AS "changes" FROM "DatasetChange" AS "c" JOIN "Dataset" AS "d" ON "d"."id" = "c"."datasetId"
         WHERE "d"."liveName" IS NOT NULL GROUP BY "d"."id" ORDER BY 2 DESC LIMIT 1`,
      )
      .get();
    return { request, dataset };
  } finally {
    db.close();
  }
}

async function api(baseUrl, cookie, origin, method, path, body) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { cookie, origin, accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** 50 priority changes (history events) and 50 comments on KV-`number`, through the API as the admin. */
async function busyRequest(baseUrl, cookie, origin, number) {
  const path = `/api/requests/KV-${number}`;
  let { version, priority } = await api(baseUrl, cookie, origin, "GET", path);
  for (let i = 0; i < HISTORY; i++) {
    priority = priority === "HIGH" ? "LOW" : "HIGH";
    ({ version } = await api(baseUrl, cookie, origin, "PATCH", path, { priority, version }));
  }
  for (let i = 0; i < COMMENTS; i++)
    await api(baseUrl, cookie, origin, "POST", `${path}/comments`, { body: `Bench comment ${i + 1}: what happens to the keys written during the cut-over?` });
  const detail = await api(baseUrl, cookie, origin, "GET", path);
  return { events: detail.events?.length ?? detail.history?.length ?? null, comments: detail.comments?.length ?? null };
}

/**
 * One client, one page after another: at least `min` renders and `seconds` of them (at
 * most `max` renders). Not autocannon: a page that takes seconds would leave a timed run
 * with no answer counted and the server still busy with the ones cut off.
 */
async function sample(url, cookie, { min = 10, seconds = 5, max = 500 } = {}) {
  const times = [];
  const started = performance.now();
  while (times.length < max && (times.length < min || performance.now() - started < seconds * 1000)) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`render: ${url} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  const sorted = Float64Array.from(times).sort();
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** Every render scenario on the app, after one warm-up render each. Returns rows for renderRenderTable. */
export async function benchRender({ app, cookie, origin, dbFile, log }) {
  const { request, dataset } = renderTargets(dbFile);
  if (!request) throw new Error("render: no open request to load with history and comments");
  const busy = await busyRequest(app.url, cookie, origin, request.number);
  log(`render: KV-${request.number} now has ${busy.events} history events and ${busy.comments} comments`);
  const page = (name, path, goal) => ({ name, path, goal });
  const list = [
    page("floor: /requests/new (the layout and a form, no data read)", "/requests/new", null),
    ...[6, 12, 24].map((m) => page(`/insights, ${m} months`, `/insights?months=${m}`, INSIGHTS_GOAL_MS)),
    page(`request page /requests/KV-${request.number} (${busy.events} events, ${busy.comments} comments)`, `/requests/KV-${request.number}`, PAGE_GOAL_MS),
    page(`dataset page of that request /datasets/${request.datasetName}`, `/datasets/${request.datasetName}`, PAGE_GOAL_MS),
  ];
  if (dataset) list.push(page(`live dataset page /datasets/${dataset.name} (${dataset.changes} history lines)`, `/datasets/${dataset.name}`, PAGE_GOAL_MS));
  const rows = [];
  for (const s of list) {
    const res = await fetch(app.url + s.path, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    const bytes = (await res.arrayBuffer()).byteLength;
    const r = await sample(app.url + s.path, cookie);
    rows.push({ ...s, bytes, ...r });
    log(`${s.name.padEnd(60)} p50 ${r.p50.toFixed(1).padStart(7)} p95 ${r.p95.toFixed(1).padStart(7)} ms (${r.n} renders)`);
  }
  return { rows };
}

/** The render table of one run (`runs` of bench.mjs with a `render` result). */
export function renderRenderTable(report) {
  const out = [
    "#### Server render (written by `npm run bench -- --only render`)",
    "",
    `- Command: \`${report.command}\`, ${report.date.slice(0, 16).replace("T", " ")} UTC`,
  ];
  out.push(`- Load average before ${report.machine.loadBefore.map(f1).join(" ")}, after ${report.machine.loadAfter.map(f1).join(" ")}`);
  for (const run of report.runs.filter((r) => r.render)) {
    const floor = run.render.rows.find((r) => r.goal === null);
    out.push(
      "",
      `##### ${run.count.toLocaleString("en-US")} requests`,
      "",
      "| page (GET as the admin, HTML) | renders | p50 / p95 / max, 1 client | p95 − floor's p95 | HTML KB | goal | |",
      "|---|---:|---:|---:|---:|---:|---|",
    );
    for (const r of run.render.rows) {
      const verdict = r.goal === null ? "floor" : r.p95 <= r.goal ? "met" : "**not met**";
      out.push(
        `| ${r.name} | ${r.n} | ${f1(r.p50)} / ${f1(r.p95)} / ${f1(r.max)} | ${r.goal === null ? "–" : f1(r.p95 - floor.p95)} | ${f1(r.bytes / 1024)} | ${r.goal === null ? "–" : `p95 ≤ ${r.goal} ms`} | ${verdict} |`,
      );
    }
  }
  return out.join("\n");
}
