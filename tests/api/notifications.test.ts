// Watching and the inbox end to end: real route handlers, a real SQLite file, and the
// outbox worker draining what the changes wrote.
import { db } from "@/lib/db";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import { createRequest } from "@/lib/data/requests/create-request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { updateRequest } from "@/lib/data/requests/update-request";
import { addComment } from "@/lib/data/requests/add-comment";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema, type RequestDetail } from "@/lib/schemas/request";
import { writeDatabase } from "@/lib/db/sql/database";
import { registerChannels } from "@/lib/outbox/channels";
import { OutboxWorker } from "@/lib/outbox/worker";
import { subscribeToInboxChanges } from "@/lib/events/request-events";
import * as inboxRoute from "@/app/api/inbox/route";
import * as readRoute from "@/app/api/inbox/read/route";
import * as watchRoute from "@/app/api/requests/[number]/watch/route";
import * as settingsRoute from "@/app/api/me/notifications/route";
import type { InboxResponse } from "@/lib/schemas/notification";

let alice: SessionUser, bob: SessionUser, admin: SessionUser, ops: SessionUser;
const cookies: Record<string, string> = {};
const worker = new OutboxWorker({ transaction: writeDatabase });

beforeAll(async () => {
  registerChannels();
  alice = toSessionUser(await createUser("alice", "REQUESTER"));
  bob = toSessionUser(await createUser("bob", "REQUESTER", "search"));
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
  ops = toSessionUser(await createUser("ops", "ADMIN", "storage"));
  for (const u of ["alice", "bob", "admin"]) cookies[u] = await signIn(`${u}@example.com`, TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const inbox = async (who: string, query = "") => {
  const res = await call(inboxRoute.GET as never, "GET", `/api/inbox${query}`, { cookie: cookies[who] });
  expect(res.status).toBe(200);
  return res.json as InboxResponse;
};
const move = (r: RequestDetail, to: "IN_REVIEW" | "NEEDS_INFO" | "APPROVED", note: string | null = null) =>
  transitionRequest(admin, r.number, { to, note, version: r.version }, null);

it("a NEEDS_INFO reaches the requester's inbox with its note, live, and never the admin who acted", async () => {
  const changed: string[] = [];
  const unsubscribe = subscribeToInboxChanges((userId) => changed.push(userId));
  let r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: "payments_ledger_x" })));
  r = await move(r, "IN_REVIEW");
  r = await move(r, "NEEDS_INFO", "Which regions need a replica?");
  await worker.drain();
  unsubscribe();
  const a = await inbox("alice");
  expect(a.unreadCount).toBe(2);
  expect(a.items[0]).toMatchObject({
    number: r.number,
    kind: "request.status_changed",
    title: `${r.number} payments_ledger_x: Needs info`,
    body: "Which regions need a replica?",
    readAt: null,
  });
  expect(a.items[1]).toMatchObject({ title: `${r.number} payments_ledger_x: In review` });
  expect(changed).toContain(alice.id);
  expect((await inbox("admin")).items.filter((n) => n.number === r.number)).toEqual([]);
  // Draining again delivers nothing twice.
  await worker.drain();
  expect((await inbox("alice")).unreadCount).toBe(2);
});

it("an @mention notifies that person and makes them a watcher; Unwatch stops notifications", async () => {
  const r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody()));
  await addComment(admin, r.number, { body: "@bob does search read this too?" });
  await worker.drain();
  const b = await inbox("bob");
  expect(b.items[0]).toMatchObject({
    number: r.number,
    kind: "request.commented",
    title: `${r.number} ${r.datasetName}: Comment from User admin`,
    body: "@bob does search read this too?",
  });
  const watching = await call(watchRoute.GET as never, "GET", `/api/requests/${r.number}/watch`, { cookie: cookies.bob, params: { number: r.number } });
  expect(watching.json).toEqual({ number: r.number, watching: true });
  expect((await inbox("alice")).items[0]).toMatchObject({ number: r.number, kind: "request.commented" });

  // The requester unwatches; bob's comment now reaches nobody but... nobody (bob acted).
  const off = await call(watchRoute.DELETE as never, "DELETE", `/api/requests/${r.number}/watch`, { cookie: cookies.alice, params: { number: r.number } });
  expect(off.json).toEqual({ number: r.number, watching: false });
  const aliceBefore = (await inbox("alice")).items.length;
  await addComment(bob, r.number, { body: "Yes, from the ranking service." });
  await worker.drain();
  expect((await inbox("alice")).items.length).toBe(aliceBefore);
  expect((await inbox("bob")).items[0]!.kind).toBe("request.commented"); // his own comment is not in it
  expect((await inbox("bob")).items[0]!.body).toBe("@bob does search read this too?");

  // Watch again: the next change arrives.
  await call(watchRoute.PUT as never, "PUT", `/api/requests/${r.number}/watch`, { cookie: cookies.alice, params: { number: r.number } });
  await move(r, "IN_REVIEW");
  await worker.drain();
  expect((await inbox("alice")).items[0]).toMatchObject({ number: r.number, title: `${r.number} ${r.datasetName}: In review` });
});

it("an assignment reaches the new assignee, who then watches; an edit reaches the watchers", async () => {
  const r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody()));
  const assigned = await updateRequest(admin, r.number, { assigneeId: ops.id, version: r.version }, null);
  await worker.drain();
  const n = await db.notification.findFirstOrThrow({ where: { userId: ops.id, requestNumber: Number(r.number.slice(3)) } });
  expect(n).toMatchObject({ kind: "request.assigned", title: `${r.number} ${r.datasetName}: Assigned to User ops` });
  await updateRequest(alice, r.number, { useCase: "Serve balances, now for refunds too.", version: assigned.version }, null);
  await worker.drain();
  expect(await db.notification.findFirst({ where: { userId: ops.id, kind: "request.updated" } })).toMatchObject({
    title: `${r.number} ${r.datasetName}: Edited: Use case`,
  });
});

it("marks one or all read, only the caller's own", async () => {
  const before = await inbox("alice");
  expect(before.unreadCount).toBeGreaterThan(1);
  const first = before.items[0]!;
  const bobsIds = (await inbox("bob")).items.map((n) => n.id);
  const one = await call(readRoute.POST as never, "POST", "/api/inbox/read", {
    cookie: cookies.alice,
    body: { ids: [first.id, ...bobsIds] },
    headers: { origin: "http://localhost:3000" },
  });
  expect(one.json).toEqual({ unreadCount: before.unreadCount - 1 });
  expect((await inbox("bob")).unreadCount).toBe(bobsIds.length);
  expect((await inbox("alice", "?unread=true")).items.map((n) => n.id)).not.toContain(first.id);
  const all = await call(readRoute.POST as never, "POST", "/api/inbox/read", {
    cookie: cookies.alice,
    body: { all: true },
    headers: { origin: "http://localhost:3000" },
  });
  expect(all.json).toEqual({ unreadCount: 0 });
  const bad = await call(readRoute.POST as never, "POST", "/api/inbox/read", {
    cookie: cookies.alice,
    body: { ids: [] },
    headers: { origin: "http://localhost:3000" },
  });
  expect(bad.status).toBe(400);
});

it("keeps each person's mail choices per kind: on until turned off, only known kinds", async () => {
  const get = await call(settingsRoute.GET as never, "GET", "/api/me/notifications", { cookie: cookies.bob });
  expect(get.json).toEqual({
    mailConfigured: false,
    email: { "request.status_changed": true, "request.commented": true, "request.assigned": true, "request.updated": true, digest: true },
  });
  const put = (body: unknown) =>
    call(settingsRoute.PUT as never, "PUT", "/api/me/notifications", { cookie: cookies.bob, body, headers: { origin: "http://localhost:3000" } });
  expect((await put({ email: { "request.commented": false } })).json).toMatchObject({ email: { "request.commented": false, "request.updated": true } });
  expect((await put({ email: { "request.updated": false } })).json).toMatchObject({ email: { "request.commented": false, "request.updated": false } });
  expect((await put({ email: { "request.unknown": false } })).status).toBe(400);
  // Someone else's choices are their own.
  expect((await call(settingsRoute.GET as never, "GET", "/api/me/notifications", { cookie: cookies.alice })).json).toMatchObject({
    email: { "request.commented": true },
  });
});
