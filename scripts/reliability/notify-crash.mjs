// Notifications survive kill -9: under a load of comments (each one committed with its
// outbox event, then mailed to the request's requester by the in-app worker through a
// real SMTP server on loopback, and posted to a registered webhook endpoint on a real HTTP
// receiver on loopback), kill -9 the app at random moments, restart it, and at the end
// check that every acknowledged comment's mail and webhook delivery arrived, that each
// arrived exactly once after de-duplication by its delivery id (X-KVStore-Delivery,
// KVStore-Delivery), that every webhook body carried a valid signature, and that one
// request's webhook deliveries arrived in the order of its comments.
//
//   node scripts/reliability/notify-crash.mjs [--rounds 3] [--clients 6] [--port 3720]
//     [--db sqlite|postgres] [--db-name kv_notify_crash_<port>]
//
// SQLite (a file under .tmp/notify-crash) by default; --db postgres runs the app on a
// fresh database of that name in the test cluster (POSTGRES_TEST_URL,
// scripts/postgres-cluster.mjs), dropped at the end.
//
// Needs a production build (`npm run build`). Exits non-zero on a lost or unknown mail.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { SMTPServer } from "smtp-server";
import { databaseUrl, dropDatabase } from "../postgres-databases.mjs";
import { openDatabaseReader, prepareServerEnv, requestBody, signIn, sleep, startServer, stopServer, waitReady } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    clients: { type: "string", default: "6" },
    port: { type: "string", default: "3720" },
    db: { type: "string", default: "sqlite" },
    "db-name": { type: "string" },
  },
});
const rounds = Number(values.rounds);
const clients = Number(values.clients);
const port = Number(values.port);
const smtpPort = port + 1;
const hookPort = port + 2;
if (!["sqlite", "postgres"].includes(values.db)) throw new Error(`--db must be sqlite or postgres, not ${values.db}`);
const onPostgres = values.db === "postgres";
const pgName = values["db-name"] ?? `kv_notify_crash_${port}`;

/** The checks' reads (harness.mjs), on this run's database; a fresh connection each time: the app is killed and restarted in between. */
const openReader = () => openDatabaseReader(onPostgres ? { url: databaseUrl(pgName) } : { file: dbFile });

/** One read on a fresh connection. */
async function readOnce(read) {
  const db = await openReader();
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

// The receiver: every mail's delivery id, duplicates included. A little slow on purpose,
// so kills land between commits and deliveries too.
const received = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  closeTimeout: 100,
  // No reverse DNS lookup of each client: without a resolver it holds every greeting for seconds.
  disableReverseLookup: true,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk) => (raw += chunk));
    stream.on("end", () => {
      // The header block, unfolded (a long header continues on indented lines).
      const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
      const id = /^X-KVStore-Delivery: *(.+)$/im.exec(headers)?.[1]?.trim();
      setTimeout(
        () => {
          received.push({ id, to: session.envelope.rcptTo.map((r) => r.address).join(",") });
          callback();
        },
        Math.floor(Math.random() * 40),
      );
    });
  },
});
// A killed app resets its connections mid-conversation: expected here, not a failure.
smtp.on("error", () => {});
await new Promise((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));

// The webhook receiver: every delivery as it arrived (duplicates included), with its
// signature checked once the endpoint's secret is known. Slow on purpose, like the SMTP server.
const hooks = [];
const hookServer = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    setTimeout(
      () => {
        hooks.push({ id: req.headers["kvstore-delivery"], signature: String(req.headers["kvstore-signature"] ?? ""), body });
        res.writeHead(204).end();
      },
      Math.floor(Math.random() * 40),
    );
  });
});
await new Promise((resolve) => hookServer.listen(hookPort, "127.0.0.1", resolve));
const signedBy = (secret, { signature, body }) => {
  const t = /(?:^|,)t=(\d+)/.exec(signature)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]+)/.exec(signature)?.[1];
  return Boolean(t && v1) && createHmac("sha256", secret).update(`${t}.${body}`).digest("hex") === v1;
};

if (onPostgres) await dropDatabase(pgName);
const { dbFile, base, env } = prepareServerEnv(`notify-crash-${values.db}`, {
  port,
  count: 0,
  databaseUrl: onPostgres ? databaseUrl(pgName) : undefined,
  extraEnv: {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "KVStore <kvstore@example.com>",
    API_RATE_LIMIT_PER_MINUTE: "100000000",
    WEBHOOK_ALLOW_PRIVATE: "1",
  },
});

let server = startServer(env);
await waitReady(base);
const alice = await signIn(base, "alice@example.com");
const admin = await signIn(base, "admin@example.com");
const post = (cookie, path, body) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify(body) });

// Tooling's endpoint, told of every comment.
const hookRes = await post(admin, "/api/webhooks", { url: `http://127.0.0.1:${hookPort}/kvstore`, events: ["request.commented"] });
if (hookRes.status !== 201) throw new Error(`registering the webhook answered ${hookRes.status}: ${await hookRes.text()}`);
const endpoint = await hookRes.json();

// Alice's requests, on which the admin comments: each comment mails alice and calls the webhook.
const numbers = [];
for (let i = 0; i < 8; i++) numbers.push((await (await post(alice, "/api/requests", requestBody(`notify_crash_${i}`))).json()).number);

/** Comments as fast as `clients` loops can until `stop` is set; returns the acknowledged comment ids. */
async function load(stop) {
  const acked = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; !stop.now; i++) {
        try {
          const res = await post(admin, `/api/requests/${numbers[(c + i) % numbers.length]}/comments`, { body: `Round comment ${c}.${i}` });
          if (res.status === 201) acked.push((await res.json()).id);
        } catch {
          break; // the server died mid-request: not acknowledged
        }
      }
    }),
  );
  return acked;
}

const acked = [];
const rows = [];
for (let round = 1; round <= rounds; round++) {
  const stop = { now: false };
  const running = load(stop);
  const killAfter = 1000 + Math.floor(Math.random() * 2000);
  await sleep(killAfter);
  stopServer(server, "SIGKILL");
  await sleep(200);
  stop.now = true;
  const ids = await running;
  acked.push(...ids);
  const pendingOf = (db, channel) =>
    db.get(`SELECT COUNT(*) AS n FROM "OutboxItem" WHERE "channel" = ? AND "deliveredAt" IS NULL AND "failedAt" IS NULL`, [channel]).then((r) => r.n);
  const [pendingEvents, pendingMails] = await readOnce(async (db) => [await pendingOf(db, "event"), await pendingOf(db, "email")]);
  rows.push({ round, killAfterMs: killAfter, acknowledgedComments: ids.length, mailsSoFar: received.length, pendingEvents, pendingMails });
  server = startServer(env);
  await waitReady(base);
}

// The last start drains what is left: wait until nothing is pending.
const until = Date.now() + 90_000;
let pending = Infinity;
while (Date.now() < until) {
  pending = await readOnce(async (db) => (await db.get(`SELECT COUNT(*) AS n FROM "OutboxItem" WHERE "deliveredAt" IS NULL AND "failedAt" IS NULL`)).n);
  if (pending === 0) break;
  await sleep(250);
}
await sleep(500); // a mail accepted just before its item was marked delivered
stopServer(server);
await new Promise((resolve) => smtp.close(resolve));
await new Promise((resolve) => hookServer.close(resolve));

// What should have been mailed: one mail to alice per committed comment, under its delivery id.
const db = await openReader();
const events = await db.all(`SELECT "id", "deliveryId", "payload" FROM "OutboxItem" WHERE "channel" = 'event'`);
// An event's row id is the order the outbox delivers one request's items in (lib/outbox/store.ts);
// on SQLite it is also the commit order (one transaction writes at a time).
const eventRow = new Map(events.map((e) => [e.deliveryId, e.id]));
const commentEvent = new Map(
  events
    .map((e) => [JSON.parse(e.payload), e.deliveryId])
    .filter(([p]) => p.type === "request.commented")
    .map(([p, id]) => [p.commentId, id]),
);
const emailItems = await db.all(`SELECT "deliveryId", "target", "failedAt" FROM "OutboxItem" WHERE "channel" = 'email'`);
const hookItems = await db.all(`SELECT "deliveryId", "failedAt" FROM "OutboxItem" WHERE "channel" = 'webhook'`);
const comments = (await db.get(`SELECT COUNT(*) AS n FROM "Comment"`)).n;
const aliceId = (await db.get(`SELECT "id" FROM "user" WHERE "email" = ?`, ["alice@example.com"])).id;
await db.close();
if (onPostgres) await dropDatabase(pgName);

const receivedIds = new Set(received.map((m) => m.id));
const expectedIds = new Set(emailItems.map((i) => i.deliveryId));
const missingForAcked = acked.filter((id) => !commentEvent.has(id) || !receivedIds.has(`${commentEvent.get(id)}:email:${aliceId}`));
const lost = [...expectedIds].filter((id) => !receivedIds.has(id));
const unknown = [...receivedIds].filter((id) => !expectedIds.has(id));
const duplicates = received.length - receivedIds.size;
const failed = emailItems.filter((i) => i.failedAt).length + hookItems.filter((i) => i.failedAt).length;

// The webhook: every acknowledged comment delivered, each delivery once after de-duplication,
// every body signed with the endpoint's secret, one request's deliveries in their events' order.
const hookIds = new Set(hooks.map((h) => h.id));
const expectedHookIds = new Set(hookItems.map((i) => i.deliveryId));
const hooksMissingForAcked = acked.filter((id) => !commentEvent.has(id) || !hookIds.has(`${commentEvent.get(id)}:webhook:${endpoint.id}`));
const hooksLost = [...expectedHookIds].filter((id) => !hookIds.has(id));
const hooksUnknown = [...hookIds].filter((id) => !expectedHookIds.has(id));
const unsigned = hooks.filter((h) => !signedBy(endpoint.secret, h)).length;
const firstArrivals = new Map();
for (const h of hooks) if (!firstArrivals.has(h.id)) firstArrivals.set(h.id, JSON.parse(h.body));
const lastSeen = new Map();
let outOfOrder = 0;
for (const [id, delivery] of firstArrivals) {
  const committed = eventRow.get(id.slice(0, id.indexOf(":webhook:"))) ?? Infinity;
  if (committed < (lastSeen.get(delivery.request.number) ?? -Infinity)) outOfOrder++;
  lastSeen.set(delivery.request.number, committed);
}

console.table(rows);
console.log({
  acknowledgedComments: acked.length,
  commentsStored: comments,
  mailItems: emailItems.length,
  mailsReceived: received.length,
  uniqueMails: receivedIds.size,
  duplicates,
  webhookItems: hookItems.length,
  webhooksReceived: hooks.length,
  uniqueWebhooks: hookIds.size,
  unsigned,
  outOfOrder,
  pending,
  failed,
});
const ok =
  acked.length > 0 &&
  missingForAcked.length === 0 &&
  lost.length === 0 &&
  unknown.length === 0 &&
  pending === 0 &&
  failed === 0 &&
  emailItems.length === comments &&
  hooksMissingForAcked.length === 0 &&
  hooksLost.length === 0 &&
  hooksUnknown.length === 0 &&
  unsigned === 0 &&
  outOfOrder === 0 &&
  hookItems.length === comments;
console.log(
  ok
    ? `notify crash test (${values.db}): ${rounds} kill -9 rounds, every committed comment mailed and posted to the webhook exactly once after de-duplication (${duplicates} mails and ${hooks.length - hookIds.size} webhook calls redelivered), signed and in order`
    : `notify crash test FAILED: ${missingForAcked.length} acknowledged comments without their mail, ${lost.length} mails lost, ${unknown.length} unknown, ${hooksMissingForAcked.length} without their webhook call, ${hooksLost.length} webhook calls lost, ${hooksUnknown.length} unknown, ${unsigned} unsigned, ${outOfOrder} out of order, ${pending} pending, ${failed} given up`,
);
process.exit(ok ? 0 : 1);
