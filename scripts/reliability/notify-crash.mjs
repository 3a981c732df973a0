// Notifications survive kill -9: under a load of comments (each one committed with its
// outbox event, then mailed to the request's requester by the in-app worker through a
// real SMTP server on loopback), kill -9 the app at random moments, restart it, and at
// the end check that every acknowledged comment's mail arrived, and that every mail
// arrived exactly once after de-duplication by its delivery id (X-KVStore-Delivery).
//
//   node scripts/reliability/notify-crash.mjs [--rounds 3] [--clients 6] [--port 3720]
//
// Needs a production build (`npm run build`). Exits non-zero on a lost or unknown mail.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { prepareServerEnv, requestBody, signIn, sleep, startServer, stopServer, waitReady } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    clients: { type: "string", default: "6" },
    port: { type: "string", default: "3720" },
  },
});
const rounds = Number(values.rounds);
const clients = Number(values.clients);
const port = Number(values.port);
const smtpPort = port + 1;

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

const { dbFile, base, env } = prepareServerEnv("notify-crash", {
  port,
  count: 0,
  extraEnv: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "KVStore <kvstore@example.com>", API_RATE_LIMIT_PER_MINUTE: "100000000" },
});

let server = startServer(env);
await waitReady(base);
const alice = await signIn(base, "alice@example.com");
const admin = await signIn(base, "admin@example.com");
const post = (cookie, path, body) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify(body) });

// Alice's requests, on which the admin comments: each comment mails alice.
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
  const db = new Database(dbFile, { readonly: true });
  const pendingOf = (channel) =>
    db.prepare(`SELECT COUNT(*) AS n FROM "OutboxItem" WHERE "channel" = ? AND "deliveredAt" IS NULL AND "failedAt" IS NULL`).get(channel).n;
  const pendingEvents = pendingOf("event");
  const pendingMails = pendingOf("email");
  db.close();
  rows.push({ round, killAfterMs: killAfter, acknowledgedComments: ids.length, mailsSoFar: received.length, pendingEvents, pendingMails });
  server = startServer(env);
  await waitReady(base);
}

// The last start drains what is left: wait until nothing is pending.
const until = Date.now() + 90_000;
let pending = Infinity;
while (Date.now() < until) {
  const db = new Database(dbFile, { readonly: true });
  pending = db.prepare(`SELECT COUNT(*) AS n FROM "OutboxItem" WHERE "deliveredAt" IS NULL AND "failedAt" IS NULL`).get().n;
  db.close();
  if (pending === 0) break;
  await sleep(250);
}
await sleep(500); // a mail accepted just before its item was marked delivered
stopServer(server);
await new Promise((resolve) => smtp.close(resolve));

// What should have been mailed: one mail to alice per committed comment, under its delivery id.
const db = new Database(dbFile, { readonly: true });
const events = db.prepare(`SELECT "deliveryId", "payload" FROM "OutboxItem" WHERE "channel" = 'event'`).all();
const commentEvent = new Map(
  events
    .map((e) => [JSON.parse(e.payload), e.deliveryId])
    .filter(([p]) => p.type === "request.commented")
    .map(([p, id]) => [p.commentId, id]),
);
const emailItems = db.prepare(`SELECT "deliveryId", "target", "failedAt" FROM "OutboxItem" WHERE "channel" = 'email'`).all();
const comments = db.prepare(`SELECT COUNT(*) AS n FROM "Comment"`).get().n;
db.close();

const receivedIds = new Set(received.map((m) => m.id));
const expectedIds = new Set(emailItems.map((i) => i.deliveryId));
const aliceId = new Database(dbFile, { readonly: true }).prepare(`SELECT "id" FROM "user" WHERE "email" = ?`).get("alice@example.com").id;
const missingForAcked = acked.filter((id) => !commentEvent.has(id) || !receivedIds.has(`${commentEvent.get(id)}:email:${aliceId}`));
const lost = [...expectedIds].filter((id) => !receivedIds.has(id));
const unknown = [...receivedIds].filter((id) => !expectedIds.has(id));
const duplicates = received.length - receivedIds.size;
const failed = emailItems.filter((i) => i.failedAt).length;

console.table(rows);
console.log({
  acknowledgedComments: acked.length,
  commentsStored: comments,
  mailItems: emailItems.length,
  mailsReceived: received.length,
  uniqueMails: receivedIds.size,
  duplicates,
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
  emailItems.length === comments;
console.log(
  ok
    ? `notify crash test: ${rounds} kill -9 rounds, every committed comment mailed exactly once after de-duplication (${duplicates} redelivered)`
    : `notify crash test FAILED: ${missingForAcked.length} acknowledged comments without their mail, ${lost.length} mails lost, ${unknown.length} unknown, ${pending} pending, ${failed} given up`,
);
process.exit(ok ? 0 : 1);
