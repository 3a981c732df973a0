// Responsiveness under heavy requests: while one heavy request runs on the production
// server (a full export, three exports at once, a 10,000-row import, a broad search),
// GET /api/health is polled every ~100 ms. The server runs on one event loop: a request
// that holds it for seconds freezes every other user, which the liveness probe shows.
//
//   node scripts/reliability/responsiveness.mjs [--rows 40000] [--max-health-ms 1000] [--port 3391]
//
// Needs a production build (`npm run build`). Exits 1 when any health call took longer
// than --max-health-ms (or a heavy request failed), after printing the table.
//
// Rows: 40,000 (the size of the reported freeze, 40,600). Seeding them takes ~9 s on the
// 2-core machine, the scenarios ~1 min after the fix, so the whole run stays well under
// 3 minutes; --rows 10000 for a quick look.
import { parseArgs } from "node:util";
import { prepareServerEnv, signIn, sleep, startServer, stopServer, waitReady } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "40000" },
    "max-health-ms": { type: "string", default: "1000" },
    port: { type: "string", default: "3391" },
  },
});
const rows = Number(values.rows);
const maxHealthMs = Number(values["max-health-ms"]);
const port = Number(values.port);
const IMPORT_ROWS = 10_000;
const HEAVY_TIMEOUT_MS = 120_000;
const log = (...args) => console.log("[responsiveness]", ...args);

const t0 = Date.now();
// One user drives every heavy call; the limiter still runs.
const { base, env } = prepareServerEnv("responsiveness", { port, count: rows, extraEnv: { API_RATE_LIMIT_PER_MINUTE: "1000000000" } });
log(`seeded ${rows.toLocaleString("en-US")} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const server = startServer(env);
process.on("exit", () => stopServer(server));

/** A requester's API token, as the reporter used. */
async function createToken(cookie) {
  const res = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ name: "responsiveness" }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

// ---- the heavy requests ------------------------------------------------------------

/** Reads a whole answer without keeping it (the client must not be the slow part). */
async function drain(res) {
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

async function heavy(url, init = {}) {
  const started = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS) });
  const bytes = await drain(res);
  return { status: res.status, bytes, ms: performance.now() - started };
}

const IMPORT_COLUMNS = [
  "datasetName",
  "requestType",
  "ownerTeam",
  "contactEmail",
  "useCase",
  "keyFormat",
  "valueFormat",
  "ingestion",
  "updateFrequency",
  "estimatedSizeGb",
  "estimatedKeyCount",
  "readQps",
  "writeQps",
  "p99LatencyMs",
  "regions",
  "dataClassification",
  "backupsEnabled",
];
function importCsv(nameOf) {
  const lines = [IMPORT_COLUMNS.join(",")];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    lines.push(
      [
        nameOf(i),
        "NEW",
        "payments",
        "payments@example.com",
        "Responsiveness test: balances by account id.",
        "STRING",
        "JSON",
        "ONLINE_WRITES",
        "DAILY",
        1,
        1000,
        10,
        1,
        20,
        "us-east-1;eu-west-1",
        "INTERNAL",
        "false",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

const exportUrl = (format) => `${base}/api/requests/export?format=${format}&requester=all`;

// ---- polling health while a heavy request runs ------------------------------------

async function whilePolling(run) {
  const latencies = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      try {
        await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS) });
      } catch {
        // counted by its latency
      }
      const ms = performance.now() - started;
      latencies.push(ms);
      await sleep(Math.max(0, 100 - ms));
    }
  })();
  await sleep(150); // a health call or two before the heavy request starts
  let results;
  try {
    results = await run();
  } finally {
    done = true;
    await poller;
  }
  return { results, latencies };
}

await waitReady(base);
const adminCookie = await signIn(base, "admin@example.com");
const aliceToken = await createToken(await signIn(base, "alice@example.com"));
const asAlice = (contentType) => ({ authorization: `Bearer ${aliceToken}`, "content-type": contentType });
const runId = Date.now().toString(36);

const scenarios = [
  { name: `CSV export (${rows} rows)`, run: () => Promise.all([heavy(exportUrl("csv"), { headers: { cookie: adminCookie } })]) },
  { name: `JSON export (${rows} rows)`, run: () => Promise.all([heavy(exportUrl("json"), { headers: { cookie: adminCookie } })]) },
  {
    name: "three exports at once",
    run: () => Promise.all(["csv", "json", "csv"].map((f) => heavy(exportUrl(f), { headers: { cookie: adminCookie } }))),
  },
  {
    name: `import validate, ${IMPORT_ROWS} rows, one name`,
    run: () =>
      Promise.all([heavy(`${base}/api/requests/import?mode=validate`, { method: "POST", headers: asAlice("text/csv"), body: importCsv(() => "same_name") })]),
  },
  {
    name: `import validate, ${IMPORT_ROWS} valid rows`,
    run: () =>
      Promise.all([
        heavy(`${base}/api/requests/import?mode=validate`, { method: "POST", headers: asAlice("text/csv"), body: importCsv((i) => `resp_${runId}_v_${i}`) }),
      ]),
  },
  {
    name: `import all-or-nothing, ${IMPORT_ROWS} rows`,
    run: () =>
      Promise.all([
        heavy(`${base}/api/requests/import?mode=all-or-nothing`, {
          method: "POST",
          headers: asAlice("text/csv"),
          body: importCsv((i) => `resp_${runId}_a_${i}`),
        }),
      ]),
  },
  {
    name: "broad search q=the, sorted by update",
    run: () => Promise.all([heavy(`${base}/api/requests?q=the&requester=all&sort=updatedAt&pageSize=100`, { headers: { cookie: adminCookie } })]),
  },
  {
    name: "broad search q=checkout, open work",
    run: () =>
      Promise.all([
        heavy(`${base}/api/requests?q=checkout&requester=all&status=SUBMITTED&status=IN_REVIEW&sort=datasetName`, { headers: { cookie: adminCookie } }),
      ]),
  },
];

const table = [];
let failed = false;
for (const scenario of scenarios) {
  const { results, latencies } = await whilePolling(scenario.run);
  const maxHealth = Math.max(...latencies);
  const ok = results.every((r) => r.status >= 200 && r.status < 300);
  const slow = maxHealth > maxHealthMs;
  if (!ok || slow) failed = true;
  table.push({
    scenario: scenario.name,
    "heavy status": results.map((r) => r.status).join(" "),
    "heavy ms": results.map((r) => Math.round(r.ms)).join(" "),
    "answer KB": results.map((r) => Math.round(r.bytes / 1024)).join(" "),
    "health calls": latencies.length,
    "max health ms": Math.round(maxHealth),
    verdict: !ok ? "FAIL (heavy request)" : slow ? `FAIL (> ${maxHealthMs} ms)` : "ok",
  });
  log(`${scenario.name}: max health ${Math.round(maxHealth)} ms, heavy ${results.map((r) => `${r.status} in ${Math.round(r.ms)} ms`).join(", ")}`);
}

console.table(table);
stopServer(server);
if (failed) {
  console.error(`[responsiveness] FAILED: a health call took longer than ${maxHealthMs} ms or a heavy request failed (see the table).`);
  process.exit(1);
}
log(`every health call answered within ${maxHealthMs} ms`);
