// Crash durability: under a sustained write load on the production server, kill -9 it,
// restart, and check that every request that got a 201 is in the database and that
// PRAGMA integrity_check is ok. Repeats several times.
//
//   node scripts/reliability/crash-test.mjs [--rounds 5] [--clients 16] [--quick]
//
// Needs a production build (`npm run build`); serves its standalone server. Exits non-zero on any lost write.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { prepareServerEnv, signIn, startServer, stopServer, waitReady, requestBody } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    clients: { type: "string", default: "16" },
    port: { type: "string", default: "3390" },
    quick: { type: "boolean", default: false },
  },
});
const rounds = values.quick ? 2 : Number(values.rounds);
const clients = Number(values.clients);
const port = Number(values.port);
// A fresh migrated database with the demo users; the standalone server, in its own
// process group so kill -9 reaches all of it (harness.mjs).
const { dbFile, base, env } = prepareServerEnv("crash-test", { port, count: 0 });

const body = (datasetName) => requestBody(datasetName);

/** Writes as fast as `clients` loops can until `stop` is set; returns acknowledged writes. */
async function load(cookie, round, stop) {
  const acked = [];
  let sent = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; !stop.now; i++) {
        const name = `crash_r${round}_c${c}_${i}`;
        sent++;
        try {
          const res = await fetch(`${base}/api/requests`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: base, cookie },
            body: JSON.stringify(body(name)),
          });
          if (res.status === 201) acked.push({ number: Number((await res.json()).number.slice(3)), name });
          else failed++;
        } catch {
          failed++; // the server died mid-request: not acknowledged
          break;
        }
      }
    }),
  );
  return { acked, sent, failed };
}

let cookie;
let lost = 0;
const rows = [];
let server = startServer(env);
await waitReady(base);
cookie = await signIn(base, "alice@example.com");
for (let round = 1; round <= rounds; round++) {
  const stop = { now: false };
  const running = load(cookie, round, stop);
  const killAfter = 1500 + Math.floor(Math.random() * (values.quick ? 1500 : 3500));
  await new Promise((r) => setTimeout(r, killAfter));
  stopServer(server, "SIGKILL");
  await new Promise((r) => setTimeout(r, 300));
  stop.now = true;
  const { acked, sent, failed } = await running;

  // Check the file directly, before the app touches it again.
  const db = new Database(dbFile);
  const integrity = db.pragma("integrity_check", { simple: true });
  const find = db.prepare('SELECT "datasetName" FROM "DatasetRequest" WHERE "number" = ?');
  const missing = acked.filter((a) => find.get(a.number)?.datasetName !== a.name);
  const stored = db.prepare(`SELECT COUNT(*) AS n FROM "DatasetRequest" WHERE "datasetName" LIKE 'crash_r${round}_%'`).get().n;
  // A request without its first history event would be a partial write.
  const partial = db
    .prepare('SELECT COUNT(*) AS n FROM "DatasetRequest" r WHERE NOT EXISTS (SELECT 1 FROM "RequestEvent" e WHERE e."requestNumber" = r."number")')
    .get().n;
  db.close();
  lost += missing.length + partial;
  rows.push({ round, killAfterMs: killAfter, sent, acknowledged: acked.length, unanswered: failed, stored, lost: missing.length, partial, integrity });

  server = startServer(env);
  await waitReady(base);
}
stopServer(server);

console.table(rows);
console.log(
  lost === 0 && rows.every((r) => r.integrity === "ok")
    ? `crash test: ${rounds} kill -9 rounds, every acknowledged write present, integrity ok`
    : `crash test FAILED: ${lost} acknowledged writes lost or partial`,
);
process.exit(lost === 0 && rows.every((r) => r.integrity === "ok") ? 0 : 1);
