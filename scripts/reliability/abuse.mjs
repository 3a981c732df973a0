// Abuse against the production server, where the real socket address decides:
//   1. password guessing: the per-address limit holds whatever X-Forwarded-For a client
//      forges; an account locks after 10 wrong passwords from 10 addresses, and neither a
//      form-encoded attempt nor the right password gets in while it is locked; a session
//      records the connection's address, not the forged one. The attempts alternate
//      between two instances on the same database (port and port + 1), as behind a load
//      balancer: the limits count once across both (lib/api/rate-limit.ts).
//   2. memory: the server's RSS after 1,000 distinct query shapes stays within 50 MB of
//      its RSS before them (the statement cache is bounded, repeated parameters capped).
//
//   node scripts/reliability/abuse.mjs [--port 3392] [--shapes 1000] [--max-growth-mb 50]   (also uses port + 1)
//
// Needs a production build (`npm run build`). Clients bind to other loopback addresses
// (127.0.0.x) to be other clients. Exits 1 on any failed check, after printing them all.
import http from "node:http";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, prepareServerEnv, sleep, startServer, stopServer, waitReady } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3392" },
    shapes: { type: "string", default: "1000" },
    "max-growth-mb": { type: "string", default: "50" },
  },
});
const port = Number(values.port);
const SHAPES = Number(values.shapes);
const MAX_GROWTH_MB = Number(values["max-growth-mb"]);
const SIGN_IN_LIMIT = 20;
const WARM_UP_CALLS = 1000;
const OLD_SPACE_MB = 160; // the app's default SIGN_IN_ATTEMPTS_PER_MINUTE

const log = (...args) => console.log("[abuse]", ...args);
const { base, env, dbFile } = prepareServerEnv("abuse", {
  port,
  count: 200,
  // The memory part makes 1,000+ calls as one user; the limiter still runs.
  // A small old space makes V8 collect before it grows, so RSS shows what the server keeps
  // rather than garbage not yet collected (with the default limit the same query repeated
  // 2,000 times grows RSS by ~50 MB before the first full collections). A leak like the old
  // unbounded statement cache (~300 MB kept) fails here by RSS or by running out of heap.
  extraEnv: {
    API_RATE_LIMIT_PER_MINUTE: "1000000000",
    SIGN_IN_ATTEMPTS_PER_MINUTE: String(SIGN_IN_LIMIT),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${OLD_SPACE_MB}`.trim(),
  },
});
const server = startServer(env);
process.on("exit", () => stopServer(server));
await waitReady(base);
// The second instance: same database and public URL (the load balancer's), its own port;
// started once the first is up (each start copies the static files into the build).
const secondBase = `http://localhost:${port + 1}`;
const second = startServer({ ...env, PORT: String(port + 1) });
process.on("exit", () => stopServer(second));
await waitReady(secondBase);

const failures = [];
function check(ok, what) {
  log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

/** One HTTP call from a chosen loopback address (another client, as far as the server can tell). */
function send(method, path, { from = "127.0.0.1", headers = {}, body, to = base } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${to}${path}`,
      { method, localAddress: from, headers: body ? { "content-length": Buffer.byteLength(body), ...headers } : headers },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** `instance` 1 is the second server; the Origin stays the public URL, as through a load balancer. */
function signInAttempt({ email, password, from, forwardedFor, form = false, instance = 0 }) {
  const body = form ? new URLSearchParams({ email, password }).toString() : JSON.stringify({ email, password });
  const headers = { origin: base, "content-type": form ? "application/x-www-form-urlencoded" : "application/json" };
  if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
  return send("POST", "/api/auth/sign-in/email", { from, headers, body, to: instance ? secondBase : base });
}

// ---- 1. password guessing ----------------------------------------------------------

{
  const statuses = [];
  for (let i = 0; i < SIGN_IN_LIMIT + 5; i++) {
    // A different account each time, so only the per-address limit is in play.
    statuses.push(
      (await signInAttempt({ email: `nobody${i}@example.com`, password: "wrong", from: "127.0.0.2", forwardedFor: `10.6.${i}.1`, instance: i % 2 })).status,
    );
  }
  check(
    statuses.slice(0, SIGN_IN_LIMIT).every((s) => s === 401) && statuses.slice(SIGN_IN_LIMIT).every((s) => s === 429),
    `a new X-Forwarded-For each time does not reset the per-address limit, across two instances (${statuses.join(" ")})`,
  );
  const other = await signInAttempt({ email: "nobody@example.com", password: "wrong", from: "127.0.0.3" });
  check(other.status === 401, `another address has its own budget (${other.status})`);
}

{
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    const form = i % 2 === 1;
    statuses.push(
      (
        await signInAttempt({
          email: "alice@example.com",
          password: `guess-${i}`,
          from: `127.0.1.${i + 1}`,
          forwardedFor: `10.7.${i}.1`,
          form,
          instance: Math.floor(i / 2) % 2,
        })
      ).status,
    );
  }
  check(
    statuses.every((s, i) => s === (i % 2 ? 415 : 401)),
    `JSON guesses are wrong (401), form-encoded ones refused (415) (${statuses.join(" ")})`,
  );
  const right = await signInAttempt({ email: "alice@example.com", password: DEMO_PASSWORD, from: "127.0.1.100" });
  check(right.status === 429 && !right.headers["set-cookie"], `after 10 wrong passwords on two instances the right one is refused too (${right.status})`);
  const rightThere = await signInAttempt({ email: "alice@example.com", password: DEMO_PASSWORD, from: "127.0.1.102", instance: 1 });
  check(rightThere.status === 429 && !rightThere.headers["set-cookie"], `and refused on the other instance (${rightThere.status})`);
  const rightForm = await signInAttempt({ email: "alice@example.com", password: DEMO_PASSWORD, from: "127.0.1.101", form: true });
  check(rightForm.status !== 200 && !rightForm.headers["set-cookie"], `a locked account does not sign in form-encoded (${rightForm.status})`);
}

{
  const res = await signInAttempt({ email: "bob@example.com", password: DEMO_PASSWORD, from: "127.0.2.7", forwardedFor: "203.0.113.66" });
  const db = new Database(dbFile, { readonly: true });
  const recorded = db.prepare(`SELECT "ipAddress" FROM "session" WHERE "userId" = 'user_bob' ORDER BY "createdAt" DESC LIMIT 1`).pluck().get();
  db.close();
  check(res.status === 200 && recorded === "127.0.2.7", `bob's session records the connection's address, not the forged one (${recorded})`);
}

// ---- 2. memory across query shapes -------------------------------------------------

/** The server's resident memory, in MB (its process is the one we started). */
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))[1]) / 1024;

const signedIn = await signInAttempt({ email: "admin@example.com", password: DEMO_PASSWORD, from: "127.0.3.1" });
const cookie = signedIn.headers["set-cookie"].map((c) => c.split(";")[0]).join("; ");
const list = (query) => send("GET", `/api/requests?${query}`, { from: "127.0.3.1", headers: { cookie } });

const SORTS = ["number", "datasetName", "requestType", "ownerTeam", "status", "priority", "assignee", "createdAt", "updatedAt"];
const STATUSES = ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO", "APPROVED", "PROVISIONING", "COMPLETED", "REJECTED", "CANCELLED"];
const WORDS = ["payments", "ledger", "geo", "tiles", "search", "index", "events", "profile", "user", "catalog", "risk", "scores"];
/** The i-th of many distinct queries: sorts, orders, status sets, filters and searches of different lengths. */
function shape(i) {
  const params = new URLSearchParams({ sort: SORTS[i % 9], order: i % 2 ? "asc" : "desc", requester: "all" });
  STATUSES.filter((_, bit) => (i >> 1) & (1 << bit)).forEach((s) => params.append("status", s));
  if (i % 3 === 0) params.set("priority", "HIGH");
  if (i % 5 === 0) params.set("type", "MIGRATION");
  if (i % 7 === 0) params.set("q", WORDS.slice(0, 1 + (i % WORDS.length)).join(" "));
  if (i % 11 === 0) params.set("q", `${WORDS[i % WORDS.length]}${i}`);
  return params.toString();
}

// Warm up on a few everyday views: code compiled, caches in use, the heap at its working size.
for (let i = 0; i < WARM_UP_CALLS; i++) await list(shape(i % 20));
await sleep(1000);
const before = rssMb();
let refused = 0;
for (let i = 0; i < SHAPES; i++) {
  const res = await list(shape(20 + i));
  if (res.status !== 200) check(false, `shape ${i} answered ${res.status}: ${res.text.slice(0, 200)}`);
  if (process.env.ABUSE_TRACE && i % 250 === 0) log(`after ${i} shapes: ${rssMb().toFixed(0)} MB`);
}
const afterShapes = rssMb();
// The original attack: the same status repeated 1…900 times (each count a new SQL text
// before the cap).
for (let n = 1; n <= 900; n += 1) {
  const res = await list(Array.from({ length: n }, () => "status=SUBMITTED").join("&"));
  if (res.status === 400) refused++;
}
const afterAttack = rssMb();
// "For good" is what stays once ordinary traffic goes on: its allocations make V8 collect
// what the attack left as garbage (measured: the attack's +60 MB was gone after more calls).
for (let i = 0; i < WARM_UP_CALLS / 2; i++) await list(shape(i % 20));
await sleep(1000);
const after = rssMb();
log(
  `RSS ${before.toFixed(0)} MB warm; ${afterShapes.toFixed(0)} MB after ${SHAPES} new query shapes; ` +
    `${afterAttack.toFixed(0)} MB after 900 repeated-status calls (${refused} refused); ${after.toFixed(0)} MB after ${WARM_UP_CALLS / 2} ordinary calls more`,
);
check(refused === 900 - STATUSES.length, `a status repeated more than ${STATUSES.length} times is refused (${refused} of ${900 - STATUSES.length})`);
check(after - before <= MAX_GROWTH_MB, `RSS grew ${(after - before).toFixed(1)} MB (at most ${MAX_GROWTH_MB})`);

[server, second].forEach((s) => stopServer(s));
if (failures.length) {
  console.log(`abuse: ${failures.length} check(s) FAILED`);
  process.exit(1);
}
console.log("abuse: every check passed");
