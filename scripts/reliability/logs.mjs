// The log redaction test against the production server (issue #19): it serves the build
// with LOG_LEVEL=info and METRICS_TOKEN set, sends requests carrying a password (sign-in),
// a session cookie, a bearer token, JSON bodies and a query string with unique markers,
// and X-Request-Ids, then reads the server's stdout:
//   - every line is JSON (after Next.js's own start-up banner, which precedes any request),
//   - one "request" line per response received (but readiness probes answered while the
//     server starts, before instrumentation.ts installs the hook), with time, level, requestId, method,
//     route pattern, status, durationMs, and userId / tokenId where the caller is known,
//   - an incoming sane X-Request-Id is honoured (header, line, error body), others replaced,
//   - none of the secrets or markers appears anywhere in the output;
// then scrapes /api/metrics with the token and checks that the request histogram counted
// exactly the requests the log lines name.
//
//   node scripts/reliability/logs.mjs [--port 3520]
//
// Needs a production build (`npm run build`). Exits 1 on any failed check, after printing them all.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, prepareServerEnv, sleep, startServer, stopServer, requestBody } from "./harness.mjs";

const { values } = parseArgs({ options: { port: { type: "string", default: "3520" } } });
const port = Number(values.port);
const log = (...args) => console.log("[logs]", ...args);

const unique = (label) => `${label}-${randomBytes(6).toString("hex")}`;
const METRICS_TOKEN = unique("metrics-token");
const SECRETS = {
  "demo password": DEMO_PASSWORD,
  "wrong password": unique("Wrong-Password"),
  "body marker": unique("BODYMARKER"),
  "token name marker": unique("TOKENNAME"),
  "query marker": unique("QUERYMARKER"),
  "metrics token": METRICS_TOKEN,
  "wrong metrics token": unique("not-the-metrics-token"),
};

const { base, env } = prepareServerEnv("logs", { port, count: 20, extraEnv: { LOG_LEVEL: "info", METRICS_TOKEN } });
const server = startServer(env, { pipeStdout: true });
process.on("exit", () => stopServer(server));
let stdout = "";
server.stdout.setEncoding("utf8");
server.stdout.on("data", (chunk) => (stdout += chunk));
const stdoutClosed = new Promise((resolve) => server.stdout.on("end", resolve));

const failures = [];
function check(ok, what) {
  log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

/** Every response received: each must have exactly one log line. */
const sent = [];
async function send(what, method, path, { headers = {}, body, requestId = unique("rid") } = {}) {
  const h = { ...headers };
  if (requestId !== null) h["x-request-id"] = requestId;
  if (body !== undefined) {
    h["content-type"] = "application/json";
    h.origin = base;
  }
  const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: "manual" });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a page or the metrics text
  }
  const entry = { what, method, path, sentId: requestId, status: res.status, requestId: res.headers.get("x-request-id"), json, text, headers: res.headers };
  sent.push(entry);
  return entry;
}

// ---- start: our own readiness loop, so that every probe answered is a request to find ----

for (let i = 0; ; i++) {
  if (i > 300) throw new Error("server did not become ready");
  try {
    const res = await send("readiness probe", "GET", "/api/ready", { requestId: `ready-${i}` });
    if (res.status === 200) break;
  } catch {
    // not listening yet
  }
  await sleep(200);
}

// ---- the requests ------------------------------------------------------------------------

const signInRes = await send("sign-in (password in the body)", "POST", "/api/auth/sign-in/email", {
  body: { email: "alice@example.com", password: DEMO_PASSWORD },
});
check(signInRes.status === 200, `sign-in answers 200 (${signInRes.status})`);
const cookie = signInRes.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
const sessionValue = cookie.split("=").slice(1).join("=");
SECRETS["session cookie"] = sessionValue;
SECRETS["session cookie (decoded)"] = decodeURIComponent(sessionValue);

const wrong = await send("sign-in with a wrong password", "POST", "/api/auth/sign-in/email", {
  body: { email: "bob@example.com", password: SECRETS["wrong password"] },
});
check(wrong.status === 401, `a wrong password answers 401 (${wrong.status})`);

const list = await send("list with a query marker", "GET", `/api/requests?q=${SECRETS["query marker"]}&pageSize=5`, {
  headers: { cookie },
  requestId: "client-chosen.id_1",
});
check(list.status === 200 && list.requestId === "client-chosen.id_1", `a sane X-Request-Id is sent back (${list.requestId})`);

const created = await send("create a token (cookie, body marker)", "POST", "/api/tokens", {
  headers: { cookie },
  body: { name: SECRETS["token name marker"] },
});
check(created.status === 201, `token created (${created.status})`);
const token = created.json?.token ?? "";
SECRETS["API token"] = token;
SECRETS["API token without prefix"] = token.slice(4);
const tokenId = created.json?.id;

const me = await send("who am I (bearer token)", "GET", "/api/me", { headers: { authorization: `Bearer ${token}` } });
check(me.status === 200, `the token works (${me.status})`);
const userId = me.json?.id;

const bad = await send("create with a body marker (invalid body)", "POST", "/api/requests", {
  headers: { authorization: `Bearer ${token}` },
  body: { useCase: SECRETS["body marker"], datasetName: SECRETS["body marker"], ownerTeam: 7 },
});
check(bad.status === 400, `an invalid body answers 400 (${bad.status})`);
check(!bad.text.includes("BODYMARKER"), "the 400 does not echo the body");

const good = await send("create a request (JSON body marker)", "POST", "/api/requests", {
  headers: { cookie },
  body: requestBody(`logs_${randomBytes(4).toString("hex")}`, { useCase: `${SECRETS["body marker"]} serves balances to checkout`, priority: "MEDIUM" }),
});
check(good.status === 201, `a valid create answers 201 (${good.status})`);

const page = await send("a request's page (cookie)", "GET", "/requests/KV-1", { headers: { cookie } });
check(page.status === 200, `the page answers 200 (${page.status})`);

const missing = await send("a request that does not exist", "GET", "/api/requests/KV-999999", { headers: { cookie }, requestId: "quote-this-id" });
check(
  missing.status === 404 && missing.json?.error?.requestId === "quote-this-id",
  `the 404's body quotes the request id (${JSON.stringify(missing.json?.error)})`,
);

const noId = await send("no X-Request-Id", "GET", "/api/health", { requestId: null });
check(/^[0-9a-f-]{36}$/.test(noId.requestId ?? ""), `without X-Request-Id the server makes one (${noId.requestId})`);

const insane = await send("an X-Request-Id that is not a sane token", "GET", "/api/me", { headers: { cookie }, requestId: "bad id <script>" });
check(/^[0-9a-f-]{36}$/.test(insane.requestId ?? ""), `an insane X-Request-Id is replaced (${insane.requestId})`);

const signedOut = await send("signed out", "GET", "/api/me");
check(signedOut.status === 401 && signedOut.json?.error?.requestId === signedOut.requestId, "a 401's body quotes the request id");

const wrongMetrics = await send("metrics with a wrong token", "GET", "/api/metrics", {
  headers: { authorization: `Bearer ${SECRETS["wrong metrics token"]}` },
});
check(wrongMetrics.status === 401, `metrics with a wrong token: 401 (${wrongMetrics.status})`);

await sleep(300); // the last lines are written when each response closes
const scrape = await send("metrics", "GET", "/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
check(scrape.status === 200, `metrics with the token: 200 (${scrape.status})`);

await sleep(300);
stopServer(server);
await Promise.race([stdoutClosed, sleep(10_000)]);

// ---- the log -------------------------------------------------------------------------------

const lines = stdout.split("\n").filter((l) => l !== "");
const firstJson = lines.findIndex((l) => l.startsWith("{"));
const banner = lines.slice(0, Math.max(firstJson, 0));
const rest = lines.slice(Math.max(firstJson, 0));
log(`stdout: ${lines.length} lines (${banner.length} of Next.js's start-up banner before the first request)`);
check(banner.every((l) => !l.startsWith("{")) && banner.length <= 10, "only Next.js's start-up banner precedes the JSON lines");
const parsed = [];
const notJson = [];
for (const line of rest) {
  try {
    parsed.push(JSON.parse(line));
  } catch {
    notJson.push(line);
  }
}
check(notJson.length === 0, `every line after the banner is JSON${notJson.length ? `: ${notJson.slice(0, 3).join(" | ")}` : ""}`);

const requestLines = parsed.filter((l) => l.msg === "request");
// Next.js runs instrumentation.ts (which installs the request hook) when it handles its
// first request: readiness probes answered while it starts are served but not seen by the
// hook. Only those may lack a line, and only before the first request that has one.
const firstLogged = sent.findIndex((e) => requestLines.some((l) => l.requestId === e.requestId));
const startUp = sent.slice(0, Math.max(firstLogged, 0));
check(firstLogged >= 0 && startUp.every((e) => e.what === "readiness probe"), `only start-up readiness probes go unlogged (${startUp.length})`);
const served = sent.slice(Math.max(firstLogged, 0));
check(requestLines.length === served.length, `one request line per response after start: ${requestLines.length} lines, ${served.length} responses`);
const FIELDS = ["time", "level", "requestId", "method", "route", "status", "durationMs"];
const incomplete = requestLines.filter((l) => FIELDS.some((f) => l[f] === undefined) || typeof l.durationMs !== "number" || !/^\d{4}-\d\d-\d\dT/.test(l.time));
check(incomplete.length === 0, `every request line has ${FIELDS.join(", ")}${incomplete.length ? `: ${JSON.stringify(incomplete[0])}` : ""}`);

const lineOf = (entry) => requestLines.filter((l) => l.requestId === entry.requestId);
for (const entry of served) {
  const found = lineOf(entry);
  const line = found[0];
  const ok = found.length === 1 && line.status === entry.status && line.method === entry.method;
  if (!ok || entry.what !== "readiness probe") {
    check(ok, `${entry.what}: one line, ${entry.method} ${line?.route} ${line?.status}${line?.userId ? " user" : ""}${line?.tokenId ? " token" : ""}`);
  }
}
const routeOf = (entry) => lineOf(entry)[0]?.route;
check(routeOf(list) === "/api/requests", "the list's route is /api/requests (no query)");
check(routeOf(missing) === "/api/requests/{number}", "a request by number is /api/requests/{number}");
check(routeOf(page) === "/requests/[number]", "a page is its folder pattern, /requests/[number]");
check(routeOf(signInRes) === "/api/auth/sign-in/email", "sign-in is /api/auth/sign-in/email");
check(lineOf(list)[0]?.userId === userId && userId !== undefined, "a cookie call logs the user id");
check(lineOf(page)[0]?.userId === userId, "a page logs the user id");
check(lineOf(me)[0]?.userId === userId && lineOf(me)[0]?.tokenId === tokenId && tokenId !== undefined, "a token call logs the user id and the token id");
check(lineOf(signedOut)[0]?.userId === undefined, "a signed-out call logs no user");
check(
  requestLines.every((l) => !/KV-\d|\?/.test(l.route)),
  "no route holds an id or a query",
);

const output = stdout.toLowerCase();
for (const [what, secret] of Object.entries(SECRETS)) {
  check(Boolean(secret) && !output.includes(String(secret).toLowerCase()), `the output never holds the ${what}`);
}
for (const word of ["authorization", "cookie", "bearer", "password"]) check(!output.includes(word), `the output never mentions "${word}"`);

// ---- the metrics ---------------------------------------------------------------------------

const counted = new Map();
for (const m of scrape.text.matchAll(/^kvstore_http_request_duration_seconds_count\{route="([^"]*)",method="([^"]*)",status="(\d+)"\} (\d+)$/gm)) {
  counted.set(`${m[2]} ${m[1]} ${m[3]}`, Number(m[4]));
}
const expected = new Map();
for (const l of requestLines) {
  if (l.requestId === scrape.requestId) continue; // observed after the scrape was rendered
  const key = `${l.method} ${l.route} ${l.status}`;
  expected.set(key, (expected.get(key) ?? 0) + 1);
}
const mismatched = [...new Set([...counted.keys(), ...expected.keys()])].filter((k) => counted.get(k) !== expected.get(k));
check(
  counted.size > 0 && mismatched.length === 0,
  `the histogram counted exactly the logged requests (${[...expected.values()].reduce((a, b) => a + b, 0)} in ${expected.size} series)${mismatched.length ? `: ${mismatched.map((k) => `${k} ${counted.get(k)} vs ${expected.get(k)}`).join("; ")}` : ""}`,
);
check(/^kvstore_requests_open\{status="SUBMITTED"\} \d+$/m.test(scrape.text), "open requests by status are reported");
check(/^kvstore_requests_stale\{status="SUBMITTED"\} \d+$/m.test(scrape.text), "stale requests by status are reported");
check(/^kvstore_event_stream_connections 0$/m.test(scrape.text), "no live-update stream is open");

if (failures.length) {
  log(`${failures.length} check(s) failed`);
  process.exit(1);
}
log("all checks passed");
process.exit(0);
