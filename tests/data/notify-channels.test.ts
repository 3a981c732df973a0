// The channels' planners, the inbox's deliverer, the deliveries list and the digest read
// and write through the seam (lib/db/sql) on whichever database the run uses
// (TEST_DATABASE=postgres: PostgreSQL): who is told, what and where, from rows written
// by Prisma and events fanned out by a real worker.
import { db } from "@/lib/db";
import { writeDatabase } from "@/lib/db/sql/database";
import { PRIORITY_RANK } from "@/lib/domain/requests/options";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { enqueueRequestEvent } from "@/lib/outbox/enqueue";
import type { RequestDomainEvent } from "@/lib/outbox/events";
import { registerPlanner, unregisterChannel } from "@/lib/outbox/registry";
import { OutboxWorker } from "@/lib/outbox/worker";
import { registerInboxChannel, INBOX_CHANNEL } from "@/lib/notifications/inbox-channel";
import { wantingMail } from "@/lib/notifications/email-channel";
import { enqueueDigestIfDue } from "@/lib/notifications/digest";
import { planWebhooks } from "@/lib/webhooks/webhook-channel";
import { planSlack } from "@/lib/webhooks/slack-channel";
import { WEBHOOK_CHANNEL } from "@/lib/webhooks/channel-names";
import { listWebhookDeliveries } from "@/lib/data/webhooks/webhooks";
import { createUser } from "@/tests/helpers/fixtures";
import { closeOwnConnections, ownConnection } from "@/tests/helpers/own-connection";

const DAY_MS = 86_400_000;
let admin: SessionUser;
const worker = new OutboxWorker({ transaction: writeDatabase });

beforeAll(async () => {
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
  for (const id of ["alice", "bob", "carol", "dave", "erin"]) await createUser(id);
  await createUser("ops", "ADMIN", "storage");
  await db.user.update({ where: { id: "dave" }, data: { active: false } });
});
afterAll(async () => {
  await closeOwnConnections();
  await db.$disconnect();
});

let named = 0;
/** A SUBMITTED request of alice's, written by Prisma (as the seed does). */
async function request({ statusChangedAt = new Date(), assigneeId = null as string | null } = {}) {
  const datasetName = `notify_${++named}`;
  return db.datasetRequest.create({
    data: {
      datasetName,
      liveDatasetName: datasetName,
      requestType: "NEW",
      ownerTeam: "payments",
      contactEmail: "payments@example.com",
      useCase: "Balances by account id.",
      keyFormat: "STRING",
      valueFormat: "JSON",
      ingestion: "ONLINE_WRITES",
      updateFrequency: "REALTIME",
      estimatedSizeGb: 1,
      estimatedKeyCount: 1000n,
      readQps: 10,
      writeQps: 1,
      p99LatencyMs: 20,
      regions: "us-east-1",
      dataClassification: "INTERNAL",
      backupsEnabled: true,
      priority: "MEDIUM",
      priorityRank: PRIORITY_RANK.MEDIUM,
      statusChangedAt,
      requesterId: "alice",
      assigneeId,
    },
  });
}

const enqueue = (...events: RequestDomainEvent[]) => db.$transaction((tx) => enqueueRequestEvent(tx, ...events));

it("the inbox: watchers and @mentions are told once, never the actor, who unwatched, or who is inactive", async () => {
  registerInboxChannel();
  const r = await request({ assigneeId: "carol" });
  await db.requestWatch.createMany({
    data: [
      { requestNumber: r.number, userId: "bob", watching: true },
      { requestNumber: r.number, userId: "carol", watching: false },
      { requestNumber: r.number, userId: "dave", watching: true },
      { requestNumber: r.number, userId: "admin", watching: true },
    ],
  });
  const comment = await db.comment.create({ data: { requestNumber: r.number, authorId: "admin", body: "Which region first, @erin?" } });
  const at = "2026-03-04T05:06:07.890Z";
  await enqueue({ type: "request.commented", requestNumber: r.number, actorId: "admin", at, commentId: comment.id, mentionedIds: ["erin"] });
  await worker.drain();
  await worker.drain(); // nothing more: the event was fanned out once
  const told = await db.notification.findMany({ where: { requestNumber: r.number }, orderBy: { userId: "asc" } });
  expect(told.map((n) => n.userId)).toEqual(["alice", "bob", "erin"]);
  for (const n of told) {
    expect(n).toMatchObject({ kind: "request.commented", actorId: "admin", title: `KV-${r.number} ${r.datasetName}: Comment from User admin` });
    expect(n.body).toBe("Which region first, @erin?");
    expect(n.createdAt.toISOString()).toBe(at);
  }
  const items = await db.outboxItem.findMany({ where: { channel: INBOX_CHANNEL, requestNumber: r.number } });
  expect(items.every((i) => i.deliveredAt !== null && i.attempts === 1)).toBe(true);
  unregisterChannel(INBOX_CHANNEL);
});

it("mail goes to those who have not turned the kind off, active ones only", async () => {
  await db.notificationPreference.create({ data: { userId: "bob", kind: "request.commented", email: false } });
  await db.notificationPreference.create({ data: { userId: "erin", kind: "request.commented", email: true } });
  const wanting = await writeDatabase((d) => wantingMail(d, ["alice", "bob", "dave", "erin"], "request.commented"));
  expect(wanting.map((p) => p.email).sort()).toEqual(["alice@example.com", "erin@example.com"]);
  expect(await writeDatabase((d) => wantingMail(d, ["bob"], "request.assigned"))).toEqual([{ id: "bob", email: "bob@example.com" }]);
});

it("webhooks: only the endpoints that want the event's type, in order per endpoint and request; the deliveries list reads the payload", async () => {
  const created = new Date(Date.now() - 1000);
  await db.webhookEndpoint.createMany({
    data: [
      { id: "wh_b", url: "https://example.com/b", events: JSON.stringify(["request.created"]), secret: "s", createdById: "admin", createdAt: created },
      {
        id: "wh_a",
        url: "https://example.com/a",
        events: JSON.stringify(["request.created", "request.status_changed"]),
        secret: "s",
        createdById: "admin",
        createdAt: new Date(created.getTime() - 1000),
      },
    ],
  });
  const r = await request();
  const at = new Date().toISOString();
  const changed: RequestDomainEvent = {
    type: "request.status_changed",
    requestNumber: r.number,
    actorId: "admin",
    at,
    from: "SUBMITTED",
    to: "IN_REVIEW",
    note: null,
  };
  const planned = await writeDatabase((d) => planWebhooks(changed, d));
  expect(planned.map((p) => [p.target, p.orderKey])).toEqual([["wh_a", `webhook:wh_a:${r.number}`]]);
  expect(planned[0]!.payload).toMatchObject({ type: "request.status_changed", createdAt: at, request: { number: `KV-${r.number}`, backupsEnabled: true } });
  const both = await writeDatabase((d) => planWebhooks({ type: "request.created", requestNumber: r.number, actorId: "alice", at }, d));
  expect(both.map((p) => p.target)).toEqual(["wh_a", "wh_b"]); // oldest endpoint first

  // Fanned out by the worker (no webhook deliverer here: the item stays pending).
  registerPlanner(WEBHOOK_CHANNEL, planWebhooks);
  await enqueue(changed);
  await worker.drain();
  unregisterChannel(WEBHOOK_CHANNEL);
  const [delivery, ...more] = await listWebhookDeliveries(admin, "wh_a");
  expect(more).toEqual([]);
  expect(delivery).toMatchObject({ type: "request.status_changed", request: `KV-${r.number}`, state: "pending", attempts: 0, createdAt: at, error: null });
  expect(new Date(delivery!.nextAttemptAt!).getTime()).toBeGreaterThan(0);
  expect(await listWebhookDeliveries(admin, "wh_b")).toEqual([]);
});

it("Slack: a new request and a status change post one message each, named by the actor; comments nothing", async () => {
  const r = await request();
  const at = new Date().toISOString();
  const [item, ...more] = await writeDatabase(() => planSlack({ type: "request.created", requestNumber: r.number, actorId: "alice", at }));
  expect(more).toEqual([]);
  expect(item).toMatchObject({ key: "channel", orderKey: `slack:${r.number}` });
  expect(JSON.stringify(item!.payload)).toContain("User alice");
  expect(
    await writeDatabase(() => planSlack({ type: "request.commented", requestNumber: r.number, actorId: "admin", at, commentId: 1, mentionedIds: [] })),
  ).toEqual([]);
});

it("the digest: one mail per admin who wants it per day, however many workers write it at once, listing only stale requests", async () => {
  const now = new Date();
  const stale = await request({ statusChangedAt: new Date(now.getTime() - 3 * DAY_MS - 60_000) });
  await request({ statusChangedAt: new Date(now.getTime() - DAY_MS) });
  await db.notificationPreference.create({ data: { userId: "ops", kind: "digest", email: false } });
  const options = { now, hourUtc: 0, baseUrl: "http://kv.example" };
  expect(await writeDatabase((d) => enqueueDigestIfDue(d, { ...options, hourUtc: 24 }))).toBe(0); // its hour has not come
  const writers = [ownConnection(), ownConnection(), ownConnection()];
  const written = await Promise.all(writers.map((write) => write((d) => enqueueDigestIfDue(d, options))));
  expect(written.reduce((a, b) => a + b, 0)).toBe(1);
  const mails = await db.outboxItem.findMany({ where: { deliveryId: { startsWith: "digest:" } } });
  expect(mails.map((m) => [m.deliveryId, m.target])).toEqual([[`digest:${now.toISOString().slice(0, 10)}:admin`, "admin@example.com"]]);
  const { mail } = JSON.parse(mails[0]!.payload) as { mail: { subject: string; text: string } };
  expect(mail.subject).toMatch(/^\[KVStore\] 1 stale request on /);
  expect(mail.text).toContain(`KV-${stale.number} ${stale.datasetName}: Submitted for 3 days`);
});
