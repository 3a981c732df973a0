// npm run bench -- --only live: live updates as people feel them (issue #20). One person
// (alice) creates a request through the API; another (the admin) has the queue open in
// Chromium, newest first. Each trial measures, from the moment the 201 reached alice's
// client, when the new row was in the admin's page, and, as the floor in the same trial,
// when the `request.changed` event reached a bare event-stream reader (Node's fetch on
// GET /api/events): what is left above that is the page's refetch and render.
//
//   npm run bench -- --sizes 1000000 --only live --no-build            SQLite
//   npm run bench -- --db postgres --sizes 1000000 --only live --no-build   and PostgreSQL
//
// Every fifth trial loads the queue again and creates within its first second (before or
// while its event stream connects: the stream resumes from the render's event id).
// Goal: p95 ≤ 1 s, and no trial missed (a row not shown within 10 s).
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.mjs";
import { percentile } from "./load.mjs";
import { createBody } from "./scenarios.mjs";
import { f0 } from "./format.mjs";

const QUEUE = "/requests?sort=number&order=desc";
const MISSED_AFTER_MS = 10_000;
const GOAL_MS = 1000;

/** Arrival times of `request.changed` events (by request number) on one GET /api/events stream. */
async function eventReader(baseUrl, cookie) {
  const arrived = new Map();
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
  if (!res.ok) throw new Error(`live: GET /api/events answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const done = (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(message);
          if (/^event: request\.changed$/m.test(message) && data) arrived.set(JSON.parse(data[1]).number, Date.now());
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { arrived, close: () => (controller.abort(), done) };
}

// In the page: the first time each awaited dataset name is in the document (wall clock).
const WATCHER = () => {
  window.__pending = new Set();
  window.__seen = {};
  const check = () => {
    if (!document.body) return;
    const text = document.body.textContent;
    for (const name of window.__pending)
      if (text.includes(name)) {
        window.__seen[name] = Date.now();
        window.__pending.delete(name);
      }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
};

/**
 * `trials` creates by alice, each awaited in the admin's open queue. `signIn(baseUrl,
 * origin, email)` → cookie header (bench.mjs). Returns the trials and their summary.
 */
export async function benchLive({ app, origin, signIn, log, trials = 100, label = "SQLite" }) {
  const admin = await signIn(app.url, origin, "admin@example.com");
  const alice = await signIn(app.url, origin, "alice@example.com");
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const events = await eventReader(app.url, admin);
  const tag = `live_${Date.now().toString(36)}`;
  const out = [];
  try {
    const context = await browser.newContext({ baseURL: origin });
    await context.addCookies(
      admin.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: origin };
      }),
    );
    await context.addInitScript(WATCHER);
    const page = await context.newPage();
    let loadedAt = 0;
    for (let i = 0; i < trials; i++) {
      const fresh = i % 5 === 0;
      if (fresh) {
        await page.goto(QUEUE, { waitUntil: "load" });
        loadedAt = Date.now();
      }
      const body = createBody(tag, i);
      const name = JSON.parse(body).datasetName;
      await page.evaluate((n) => window.__pending.add(n), name);
      // A fresh page: a moment within its first second; otherwise a pause between trials.
      await new Promise((r) => setTimeout(r, fresh ? Math.floor(Math.random() * 900) : 150));
      const sinceLoad = Date.now() - loadedAt;
      const res = await fetch(`${app.url}/api/requests`, {
        method: "POST",
        headers: { cookie: alice, origin, "content-type": "application/json", accept: "application/json" },
        body,
      });
      const answeredAt = Date.now();
      if (res.status !== 201) throw new Error(`live: create answered ${res.status} ${await res.text()}`);
      const { number } = await res.json();
      let seenAt = null;
      try {
        await page.waitForFunction((n) => window.__seen[n] !== undefined, name, { timeout: MISSED_AFTER_MS, polling: 20 });
        seenAt = await page.evaluate((n) => window.__seen[n], name);
      } catch {
        /* missed */
      }
      const eventAt = events.arrived.get(number);
      out.push({ i, fresh, sinceLoad, visible: seenAt === null ? null : seenAt - answeredAt, event: eventAt === undefined ? null : eventAt - answeredAt });
    }
    await context.close();
  } finally {
    await events.close();
    await browser.close();
  }
  const summary = summarize(out);
  log(
    `live (${label}): ${out.length} trials, ${summary.missed} missed; row visible p50 ${summary.visible.p50} p95 ${summary.visible.p95} max ${summary.visible.max} ms; event at a bare reader p95 ${summary.event.p95} ms`,
  );
  return { label, trials: out, summary };
}

function stats(xs) {
  const sorted = Float64Array.from(xs).sort();
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

function summarize(trials) {
  const seen = trials.filter((t) => t.visible !== null);
  const fresh = seen.filter((t) => t.fresh);
  return {
    missed: trials.length - seen.length,
    eventsMissed: trials.filter((t) => t.event === null).length,
    visible: stats(seen.map((t) => t.visible)),
    fresh: stats(fresh.map((t) => t.visible)),
    open: stats(seen.filter((t) => !t.fresh).map((t) => t.visible)),
    event: stats(trials.filter((t) => t.event !== null).map((t) => t.event)),
  };
}

/** The live-updates table: `results` is a list of benchLive results (one per database). */
export function renderLiveTable({ command, date, machine, count, results }) {
  const out = [
    "#### Live updates (written by `npm run bench -- --only live`)",
    "",
    `- Command: \`${command}\`, ${date.slice(0, 16).replace("T", " ")} UTC, ${count.toLocaleString("en-US")} requests; load average before ${machine.loadBefore.map((l) => l.toFixed(1)).join(" ")}`,
    `- From the 201 at alice's client to the row in the admin's open queue (${QUEUE}) in Chromium; every fifth trial creates within the first second after the queue loaded. Floor: the same event at a bare GET /api/events reader, same trial. Missed: not shown within ${MISSED_AFTER_MS / 1000} s.`,
    "",
    "| database | trials | missed | row visible p50 / p95 / max | of which in the first second: p50 / p95 / max | floor: event at a bare reader p50 / p95 / max | goal p95 ≤ 1 s, none missed |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of results) {
    if (r.error) {
      out.push(`| ${r.label} | – | – | ${r.error} | | | not measured |`);
      continue;
    }
    const s = r.summary;
    const cell = (x) => `${f0(x.p50)} / ${f0(x.p95)} / ${f0(x.max)} ms`;
    const met = s.missed === 0 && s.visible.p95 <= GOAL_MS;
    out.push(
      `| ${r.label} | ${r.trials.length} | ${s.missed} | ${cell(s.visible)} | ${cell(s.fresh)} (${s.fresh.n}) | ${cell(s.event)}${s.eventsMissed ? ` (${s.eventsMissed} not heard)` : ""} | ${met ? "met" : "**not met**"} |`,
    );
  }
  return out.join("\n");
}

/**
 * The same trials on PostgreSQL: the seeded database of `count` (postgres.mjs, cached in
 * the cluster, never written) copied to `<prefix>live`, an app over it on `port`.
 */
export async function benchLivePostgres(count, { root, log, seed, anchor, startServer, signIn, origin, port, prefix }) {
  const { cacheName } = await import("./postgres.mjs");
  const { createDatabase, databaseUrl, dropDatabase, withAdmin } = await import("../postgres-databases.mjs");
  // Only an existing seeded database: seeding one here would drop other runs' older caches.
  const template = cacheName(root, count, seed, anchor);
  if (!(await withAdmin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount)))
    return { label: "PostgreSQL", error: `not measured: no seeded database ${template} (npm run bench -- --db postgres --seed-only --sizes ${count})` };
  const runName = `${prefix}live`;
  await dropDatabase(runName);
  await createDatabase(runName, { template });
  const app = await startServer(
    "app (PostgreSQL)",
    process.execPath,
    [`${root}/node_modules/next/dist/bin/next`, "start", "-p", String(port)],
    { DATABASE_URL: databaseUrl(runName), BETTER_AUTH_URL: origin, NODE_ENV: "production", API_RATE_LIMIT_PER_MINUTE: "1000000000" },
    port,
  );
  try {
    return await benchLive({ app, origin, signIn, log, label: "PostgreSQL" });
  } finally {
    await app.stop();
    await dropDatabase(runName);
  }
}
