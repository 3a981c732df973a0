// Notification mail through a real SMTP server on loopback: recipients, subject, both
// parts, the link, threading headers, the person's settings, and the daily digest.
import { SMTP_CREDENTIALS, SMTP_PORT } from "./email-env";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";
import { startSmtpServer } from "@/tests/helpers/smtp";
import { createRequest } from "@/lib/data/requests/create-request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { addComment } from "@/lib/data/requests/add-comment";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema, type RequestDetail } from "@/lib/schemas/request";
import { writeDatabase } from "@/lib/db/sql/database";
import { registerChannels } from "@/lib/outbox/channels";
import { OutboxWorker } from "@/lib/outbox/worker";
import { enqueueDigestIfDue } from "@/lib/notifications/digest";

let alice: SessionUser, admin: SessionUser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const worker = new OutboxWorker({ transaction: writeDatabase });

beforeAll(async () => {
  smtp = await startSmtpServer(SMTP_PORT, SMTP_CREDENTIALS);
  registerChannels();
  alice = toSessionUser(await createUser("alice", "REQUESTER"));
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
  await createUser("ops", "ADMIN", "storage");
});
afterAll(async () => {
  await smtp.close();
  await db.$disconnect();
});
beforeEach(() => {
  smtp.mails.length = 0;
});

const move = (r: RequestDetail, to: "IN_REVIEW" | "NEEDS_INFO", note: string | null = null) =>
  transitionRequest(admin, r.number, { to, note, version: r.version }, null);

it("a NEEDS_INFO mails the requester: subject, both parts with the note and the link, one thread per request", async () => {
  let r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: "payments_ledger" })));
  const n = r.number.slice(3);
  r = await move(r, "IN_REVIEW");
  r = await move(r, "NEEDS_INFO", "Which regions need a replica?");
  await worker.drain();
  const mails = await smtp.waitFor(2);
  expect(mails.map((m) => m.envelopeTo)).toEqual([["alice@example.com"], ["alice@example.com"]]);
  expect(mails.map((m) => m.subject)).toEqual([`[KV-${n}] payments_ledger: In review`, `[KV-${n}] payments_ledger: Needs info`]);
  const needsInfo = mails[1]!;
  expect(needsInfo.from?.text).toBe('"KVStore" <kvstore@example.com>');
  expect(needsInfo.text).toContain("Which regions need a replica?");
  expect(needsInfo.text).toContain(`http://localhost:3000/requests/KV-${n}`);
  expect(needsInfo.html).toContain(`<a href="http://localhost:3000/requests/KV-${n}">`);
  expect(needsInfo.html).toContain("Which regions need a replica?");
  // One thread: both answer the request's root id; each has its own id.
  const root = `<kvstore-request-${n}@localhost>`;
  for (const m of mails) {
    expect(m.inReplyTo).toBe(root);
    expect(m.references).toBe(root);
    expect(m.headers.get("x-kvstore-delivery")).toMatch(/^evt_.*:email:alice$/);
  }
  expect(mails[0]!.messageId).not.toBe(mails[1]!.messageId);
  expect(mails[0]!.messageId).toMatch(/^<[0-9a-f]{32}@localhost>$/);
  // Nobody mails the admin about their own actions.
  expect(mails.flatMap((m) => m.envelopeTo)).not.toContain("admin@example.com");
});

it("a person's settings turn a kind of mail off; others still arrive, and the inbox keeps everything", async () => {
  await db.notificationPreference.create({ data: { userId: alice.id, kind: "request.status_changed", email: false } });
  const r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody()));
  await move(r, "IN_REVIEW");
  await addComment(admin, r.number, { body: "Looking at it today." });
  await worker.drain();
  const mails = await smtp.waitFor(1);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(mails.map((m) => m.subject)).toEqual([`[${r.number}] ${r.datasetName}: Comment from User admin`]);
  expect(await db.notification.count({ where: { userId: alice.id, requestNumber: Number(r.number.slice(3)) } })).toBe(2);
  await db.notificationPreference.deleteMany({ where: { userId: alice.id } });
});

it("the daily digest is written once per admin and day, however many workers try, and only from its hour", async () => {
  const r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: "stale_one" })));
  await db.datasetRequest.update({ where: { number: Number(r.number.slice(3)) }, data: { statusChangedAt: new Date(Date.now() - 10 * 86_400_000) } });
  const at = (iso: string) => ({ now: new Date(iso), hourUtc: 8, baseUrl: "http://localhost:3000" });
  // Yesterday's digest: its hour has passed, so the written mails are due now.
  const early = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  expect(await writeDatabase((d) => enqueueDigestIfDue(d, at(`${early}T07:59:00Z`)))).toBe(0);
  expect(await writeDatabase((d) => enqueueDigestIfDue(d, at(`${early}T08:00:00Z`)))).toBe(2);
  expect(await writeDatabase((d) => enqueueDigestIfDue(d, at(`${early}T08:01:00Z`)))).toBe(0);
  await worker.drain();
  const mails = await smtp.waitFor(2);
  expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual(["admin@example.com", "ops@example.com"]);
  expect(mails[0]!.subject).toMatch(/^\[KVStore\] \d+ stale requests? on \d{4}-\d{2}-\d{2}$/);
  expect(mails[0]!.text).toMatch(new RegExp(`${r.number} stale_one: Submitted for (8|9) days\n  http://localhost:3000/requests/${r.number}`));
  expect(mails[0]!.html).toContain(`href="http://localhost:3000/requests/${r.number}"`);
  expect(mails[0]!.headers.get("x-kvstore-delivery")).toMatch(new RegExp(`^digest:${early}:`));
});

it("a bad SMTP_URL or a half-configured mail is a clear error at start", () => {
  const base = { BETTER_AUTH_SECRET: "x".repeat(32) };
  expect(() => parseEnv({ ...base, SMTP_URL: "mail.example.com:587", MAIL_FROM: "a@example.com" })).toThrow(
    /SMTP_URL must look like smtp:\/\/user:pass@host:587/,
  );
  expect(() => parseEnv({ ...base, SMTP_URL: "smtp://mail.example.com:587" })).toThrow(/Mail needs both SMTP_URL and MAIL_FROM/);
  expect(() => parseEnv({ ...base, SMTP_URL: "smtp://mail.example.com:587", MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM must be an address/);
  expect(() => parseEnv({ ...base, DIGEST_HOUR_UTC: "24" })).toThrow(/DIGEST_HOUR_UTC must be an hour/);
  expect(parseEnv({ ...base, SMTP_URL: "smtps://u:p@mail.example.com", MAIL_FROM: "KVStore <kv@example.com>" }).DIGEST_HOUR_UTC).toBe(8);
});

it("a dead SMTP server costs the change nothing: the mail waits in the outbox with the error", async () => {
  await smtp.close();
  try {
    let r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody()));
    const started = Date.now();
    r = await move(r, "IN_REVIEW");
    expect(Date.now() - started).toBeLessThan(1000);
    await worker.drain();
    const item = await db.outboxItem.findFirstOrThrow({ where: { channel: "email", requestNumber: Number(r.number.slice(3)) } });
    expect(item).toMatchObject({ deliveredAt: null, attempts: 1 });
    expect(item.lastError).toMatch(/ECONNREFUSED|connect/i);
  } finally {
    smtp = await startSmtpServer(SMTP_PORT, SMTP_CREDENTIALS);
  }
});
