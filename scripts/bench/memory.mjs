// npm run bench -- --only memory: the app's memory as a long day feels it (issue #20).
// Its resident set (RSS, from /proc, the server process and any children) at idle, after
// the size's other scenarios, and across a soak: list calls from a few clients, 200 open
// event streams (GET /api/events) and a create every 2 s (so the streams carry events),
// sampled every 5 s with the V8 heap beside it (GET /api/metrics).
//
//   npm run bench -- --sizes 1000000 --only memory --no-build [--soak-minutes 10]
//
// Goal: no growth trend. Judged on the samples after the first minute (warm-up: caches,
// JIT, the streams' buffers): the least-squares slope must stay under 1 MB a minute.
import { load } from "./load.mjs";
import { createBody, SORTS } from "./scenarios.mjs";
import { f0, f1 } from "./format.mjs";
import { treeRss } from "./proc.mjs";

export const METRICS_TOKEN = "bench-metrics-token-0000";
const STREAMS = 200;
const SAMPLE_MS = 5000;
const SLOPE_GOAL_MB_PER_MIN = 1;

/** RSS in MB of `pid` and its descendants (a server may fork workers). */
export const rssMb = (pid) => treeRss(pid) / 2 ** 20;

async function heapMb(baseUrl) {
  try {
    const text = await (await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const used = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    return used ? Number(used[1]) / 2 ** 20 : null;
  } catch {
    return null;
  }
}

/** `n` event streams held open (each read to the end of its body, so nothing backs up). */
async function openStreams(baseUrl, cookie, n) {
  const controller = new AbortController();
  const state = { open: 0, messages: 0, failed: 0 };
  const one = async () => {
    const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
    if (!res.ok) throw new Error(`memory: GET /api/events answered ${res.status}`);
    state.open++;
    (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body) state.messages += decoder.decode(chunk, { stream: true }).split("\n\n").length - 1;
      } catch {
        /* aborted */
      }
      state.open--;
    })();
  };
  // A few at a time: 200 at once would queue behind each other's session checks anyway.
  for (let i = 0; i < n; i += 20)
    await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, () =>
        one().catch(() => {
          state.failed++;
        }),
      ),
    );
  return { state, close: () => controller.abort() };
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

/** The soak: `minutes` of list calls, 200 open streams and a create every 2 s, sampled. */
export async function benchMemory({ app, cookie, origin, minutes, log }) {
  const samples = [];
  const started = Date.now();
  const sampleNow = async () => samples.push({ t: (Date.now() - started) / 60_000, rss: rssMb(app.child.pid), heap: await heapMb(app.url) });
  await sampleNow();
  const streams = await openStreams(app.url, cookie, STREAMS);
  log(`memory: ${streams.state.open} event streams open (${streams.state.failed} failed); soaking ${minutes} min`);
  const sampler = setInterval(sampleNow, SAMPLE_MS);
  let created = 0;
  const tag = `mem_${Date.now().toString(36)}`;
  const creator = setInterval(() => {
    fetch(`${app.url}/api/requests`, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/json", accept: "application/json" },
      body: createBody(tag, created++),
    }).then(
      (r) => r.arrayBuffer(),
      () => {},
    );
  }, 2000);
  // Every sort, pages 1 to 20: the list's caches and statements see more than one shape.
  const paths = SORTS.flatMap(([sort, order]) => Array.from({ length: 20 }, (_, i) => `/api/requests?sort=${sort}&order=${order}&page=${i + 1}`));
  let i = 0;
  let lists;
  try {
    lists = await load({
      url: app.url,
      requests: [{ method: "GET", path: paths[0], setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      headers: { cookie, accept: "application/json" },
      connections: 4,
      duration: minutes * 60,
    });
  } finally {
    clearInterval(sampler);
    clearInterval(creator);
  }
  await sampleNow();
  const stillOpen = streams.state.open;
  const messages = streams.state.messages;
  streams.close();
  const after = samples.filter((s) => s.t >= Math.min(1, minutes / 5));
  const rss = samples.map((s) => s.rss);
  const summary = {
    minutes,
    streams: STREAMS,
    streamsOpenAtEnd: stillOpen,
    streamFailures: streams.state.failed,
    messages,
    creates: created,
    listCalls: lists.requests,
    listP95: lists.p95,
    listErrors: lists.errors,
    first: rss[0],
    last: rss[rss.length - 1],
    max: Math.max(...rss),
    slope: slope(after.map((s) => ({ x: s.t, y: s.rss }))),
    heapFirst: after[0]?.heap ?? null,
    heapLast: samples[samples.length - 1].heap,
    heapSlope: after.every((s) => s.heap !== null) ? slope(after.map((s) => ({ x: s.t, y: s.heap }))) : NaN,
  };
  log(
    `memory: RSS first ${summary.first.toFixed(0)} last ${summary.last.toFixed(0)} max ${summary.max.toFixed(0)} MB, slope ${summary.slope.toFixed(2)} MB/min (heap ${summary.heapSlope.toFixed(2)} MB/min); ${stillOpen} streams open at the end, ${messages} messages, ${lists.requests} list calls (p95 ${lists.p95.toFixed(1)} ms, ${lists.errors} errors)`,
  );
  return { samples, summary };
}

const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : "–");

/** The memory table of a run: its RSS at idle and after the scenarios (`run.memory.idle`, `.after`) and the soak. */
export function renderMemoryTable({ command, date, machine, runs }) {
  const out = [
    "#### Memory (written by `npm run bench -- --only memory`)",
    "",
    `- Command: \`${command}\`, ${date.slice(0, 16).replace("T", " ")} UTC; load average before ${machine.loadBefore.map(f1).join(" ")}, after ${machine.loadAfter.map(f1).join(" ")}`,
    `- RSS of the app's server process (from /proc). Soak: list calls from 4 clients over every sort's pages 1–20, ${STREAMS} open GET /api/events streams, a create every 2 s; sampled every ${SAMPLE_MS / 1000} s. Trend: least-squares slope of the samples after the first minute; goal < ${SLOPE_GOAL_MB_PER_MIN} MB a minute.`,
    "",
    "| requests | RSS at idle | RSS after the size's scenarios | soak | RSS first / last / max | RSS slope | V8 heap first / last, slope | streams open at the end | list calls (p95) | goal: no growth trend |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const run of runs.filter((r) => r.memory)) {
    const m = run.memory;
    const s = m.soak?.summary;
    out.push(
      `| ${run.count.toLocaleString("en-US")} | ${f0(m.idle)} MB | ${f0(m.after)} MB | ${s ? `${s.minutes} min` : "–"} | ${s ? `${f0(s.first)} / ${f0(s.last)} / ${f0(s.max)} MB` : "–"} | ${s ? `${f2(s.slope)} MB/min` : "–"} | ${s ? `${f0(s.heapFirst)} / ${f0(s.heapLast)} MB, ${f2(s.heapSlope)} MB/min` : "–"} | ${s ? `${s.streamsOpenAtEnd} of ${s.streams}` : "–"} | ${s ? `${s.listCalls.toLocaleString("en-US")} (${f1(s.listP95)} ms${s.listErrors ? `, ${s.listErrors} errors` : ""})` : "–"} | ${s ? (s.slope < SLOPE_GOAL_MB_PER_MIN && s.streamsOpenAtEnd === s.streams ? "met" : "**not met**") : "–"} |`,
    );
  }
  return out.join("\n");
}
