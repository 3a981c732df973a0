// Two app instances on one PostgreSQL behind a real load balancer (Debian's nginx,
// round robin) must behave as one app:
//   1. live: a request created through instance A shows up in a queue open in Chromium
//      on instance B within 2 s, with no reload (the PostgreSQL LISTEN/NOTIFY bus);
//   2. limits: the API rate limit counts across both (N calls through nginx, landing on
//      both, get exactly the budget, not twice it);
//   3. kill -9: instance A dies during a write burst through nginx; B keeps serving,
//      every write that was acknowledged (201) is in the database, and a live stream
//      open on B heard every one of them (each write's NOTIFY commits with it, so none
//      is lost between A's commit and A's death).
//
//   node scripts/reliability/multi-instance.mjs [--port 3730]
//
// Needs a production build (`npm run build`), nginx (`apt-get install -y nginx`;
// .ci/run installs it) and the PostgreSQL test cluster (scripts/postgres-cluster.mjs,
// POSTGRES_TEST_URL). Exits non-zero when any check fails.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_TEST_PATH } from "../chromium.mjs";
import { startNginx } from "../nginx.mjs";
import { databaseUrl as urlOf, dropDatabase } from "../postgres-databases.mjs";
import { requestBody, signIn, sleep, startServer, stopServer, waitReady } from "./harness.mjs";

const { values } = parseArgs({ options: { port: { type: "string", default: "3730" } } });
const lbPort = Number(values.port);
const ports = [lbPort + 1, lbPort + 2];
const base = `http://localhost:${lbPort}`;
const direct = ports.map((p) => `http://localhost:${p}`);
// High enough for the write burst (spread over three people), low enough to spend in a few seconds.
const RATE_LIMIT = 300;
const LIVE_WITHIN_MS = 2000;

const databaseName = `kv_multi_instance_${lbPort}`;
const databaseUrl = urlOf(databaseName);
const dir = path.resolve(".tmp", "multi-instance");
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

async function freshDatabase() {
  await dropDatabase(databaseName);
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  execFileSync("node", ["scripts/migrate.mjs"], { env, stdio: "ignore" });
  execFileSync("npx", ["tsx", "prisma/seed.ts", "--count", "20"], { env, stdio: "ignore" });
}

const instanceEnv = (port) => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  BETTER_AUTH_URL: base,
  PORT: String(port),
  API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
  TRUSTED_PROXIES: "127.0.0.1, ::1",
  LOG_LEVEL: "warn",
  CHECKPOINT_DISABLE: "1",
  NEXT_TELEMETRY_DISABLED: "1",
});

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
await freshDatabase();
// One after the other: each start copies the build's static files into place.
const instances = [];
for (const port of ports) {
  instances.push(startServer(instanceEnv(port)));
  await waitReady(`http://localhost:${port}`);
}
const nginx = startNginx({ port: lbPort, upstreamPorts: ports, dir: path.join(dir, "nginx") });
await waitReady(base);

try {
  const admin = await signIn(base, "admin@example.com");
  const alice = await signIn(base, "alice@example.com");
  const post = (origin, cookie, name) =>
    fetch(`${origin}/api/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: JSON.stringify(requestBody(name)),
    });

  // 1. Live across instances: the admin's queue open on B, the request made on A.
  const browser = await chromium.launch({ executablePath: CHROMIUM_TEST_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  await context.addCookies(
    admin.split("; ").map((pair) => {
      const [name, ...rest] = pair.split("=");
      return { name, value: rest.join("="), domain: "localhost", path: "/" };
    }),
  );
  const page = await context.newPage();
  await page.goto(`${direct[1]}/requests?sort=number&order=desc`);
  await page.getByRole("table").waitFor();
  const timings = [];
  for (let trial = 0; trial < 5; trial++) {
    const name = `multi_live_${trial}_${Date.now()}`;
    const started = Date.now();
    const res = await post(direct[0], alice, name);
    if (res.status !== 201) throw new Error(`create on A: ${res.status} ${await res.text()}`);
    const acked = Date.now();
    // Attached, not visible: the cell shows the name in pieces that wrap at underscores (one hidden span holds it whole).
    await page.getByText(name).first().waitFor({ state: "attached", timeout: 10_000 });
    timings.push(Date.now() - acked);
    void started;
  }
  await browser.close();
  console.log(`live: created on A, seen in B's open queue after ${timings.join(", ")} ms`);
  check(Math.max(...timings) <= LIVE_WITHIN_MS, `every request created on A appeared in B's open queue within ${LIVE_WITHIN_MS} ms`);

  // 2. The rate limit counts across both instances (a fresh minute for a token-free user: alice's session).
  const statuses = [];
  const hitInstances = new Set();
  for (let i = 0; i < RATE_LIMIT + 20; i++) {
    const res = await fetch(`${base}/api/requests?pageSize=1`, { headers: { cookie: alice } });
    statuses.push(res.status);
    await res.arrayBuffer();
  }
  for (const origin of direct) {
    const res = await fetch(`${origin}/api/requests?pageSize=1`, { headers: { cookie: alice } });
    hitInstances.add(res.status);
  }
  const ok = statuses.filter((s) => s === 200).length;
  // Alice's five creates above also count against her minute.
  console.log(
    `limits: ${ok} of ${statuses.length} calls through nginx answered 200, then ${statuses.filter((s) => s === 429).length} × 429; each instance directly: ${[...hitInstances]}`,
  );
  check(
    ok <= RATE_LIMIT && ok >= RATE_LIMIT - 5 && statuses.length - ok >= 15,
    `the budget of ${RATE_LIMIT} a minute held across both instances (not ${2 * RATE_LIMIT})`,
  );
  check(
    [...hitInstances].every((s) => s === 429),
    "both instances refuse the user once the shared budget is spent",
  );

  // 3. kill -9 of A during a write burst through nginx, with a live stream open on B.
  const stream = await listen(`${direct[1]}/api/events`, admin);
  const acked = [];
  let stop = false;
  let errors = 0;
  // Three people share the burst: each has a budget of RATE_LIMIT a minute (alice's is spent).
  const writers = [await signIn(base, "bob@example.com"), await signIn(base, "ops@example.com"), admin];
  const burst = Array.from({ length: 8 }, async (_, c) => {
    for (let i = 0; !stop; i++) {
      const name = `multi_kill_c${c}_${i}`;
      try {
        const res = await post(base, writers[c % writers.length], name);
        if (res.status === 201) acked.push(Number((await res.json()).number.slice(3)));
        else {
          errors++;
          await res.arrayBuffer();
        }
      } catch {
        errors++;
      }
    }
  });
  await sleep(1500);
  const before = acked.length;
  stopServer(instances[0], "SIGKILL");
  await sleep(3000);
  stop = true;
  await Promise.all(burst);
  const afterKill = acked.length - before;
  const health = await fetch(`${base}/api/health`).then((r) => r.status);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT "number" FROM "DatasetRequest" WHERE "number" = ANY($1::int[])`, [acked]);
  await client.end();
  console.log(
    `kill -9: ${acked.length} writes acknowledged (${afterKill} after A died), ${errors} failed or refused; ${rows.length} of them in the database; health through nginx: ${health}`,
  );
  check(rows.length === acked.length, "every acknowledged write is in the database");
  check(afterKill > 0 && health === 200, "instance B kept serving through nginx after A was killed");
  const unheard = () => acked.filter((n) => !stream.numbers.has(n));
  for (const deadline = Date.now() + 5000; unheard().length > 0 && Date.now() < deadline;) await sleep(50);
  stream.close();
  console.log(`live after kill -9: B's open stream heard ${acked.length - unheard().length} of the ${acked.length} acknowledged writes`);
  check(unheard().length === 0, `B's open stream heard every acknowledged write (missed: ${unheard().slice(0, 10).join(", ") || "none"})`);
} finally {
  nginx.kill("SIGTERM");
  for (const instance of instances) stopServer(instance, "SIGKILL");
  await sleep(300);
  await dropDatabase(databaseName).catch(() => {});
}

/** An open GET /api/events: the request numbers of the `request.changed` events it has received. */
async function listen(url, cookie) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`events on B: ${res.status}`);
  const numbers = new Set();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split("\n").find((line) => line.startsWith("data: "));
          if (message.includes("event: request.changed") && data) numbers.add(Number(JSON.parse(data.slice(6)).number.slice(3)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return { numbers, close: () => abort.abort() };
}

if (failures.length) {
  console.error(`multi-instance: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("multi-instance: two instances behind nginx behave as one app");
