// On PostgreSQL a write's announcement is part of its own transaction: another instance
// (a second bus on the same database) hears a committed write, never a rolled-back one,
// and hears it even when nothing runs in the writer after its COMMIT (a kill -9 there).
import pg from "pg";
import { db } from "@/lib/db";
import { createEventBus, type EventBus } from "@/lib/events/event-bus";
import { postgresTransport } from "@/lib/events/postgres-transport";
import type { BusEvent, RingEntry } from "@/lib/events/event-ring";
import { announcingTransaction, announcingWrite, requestChanged } from "@/lib/events/request-events";
import { createRequest } from "@/lib/data/requests/create-request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { addComment } from "@/lib/data/requests/add-comment";
import { markRead } from "@/lib/data/notifications/inbox";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";
import { run } from "@/lib/db/sql/reads";

let alice: SessionUser;
let admin: SessionUser;
let other: EventBus;
const heard: RingEntry[] = [];

async function until(what: string, check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const events = () => heard.map((e) => e.event);
const heardEvent = (event: BusEvent) => () => events().some((e) => JSON.stringify(e) === JSON.stringify(event));

beforeAll(async () => {
  alice = toSessionUser(await createUser("alice", "REQUESTER"));
  admin = toSessionUser(await createUser("admin", "ADMIN"));
  // Another instance of the app: its own bus, on the same database.
  other = createEventBus(postgresTransport(process.env.DATABASE_URL!, { applicationName: "kv-events-commit-other" }));
  other.subscribe((entry) => heard.push(entry));
  await other.ready(10_000);
  expect(other.listening()).toBe(true);
});
afterAll(async () => {
  await other?.close();
  await db.$disconnect();
});
beforeEach(() => void (heard.length = 0));

it("another instance hears each committed write of the app's write paths, with the version it committed", async () => {
  const created = await createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: "commit_heard" })));
  await until("the create", heardEvent(requestChanged(created.number, 1)));
  await transitionRequest(admin, created.number, { to: "IN_REVIEW", note: null, version: 1 }, null);
  await until("the transition", heardEvent(requestChanged(created.number, 2)));
  await addComment(alice, created.number, { body: "heard?" });
  await until("the comment", heardEvent(requestChanged(created.number, 2)));
  await markRead(alice, { all: true });
  await until("the inbox change", heardEvent({ type: "inbox.changed", userId: alice.id }));
  // Each once: nothing is published again after the commit.
  await new Promise((r) => setTimeout(r, 200));
  expect(events()).toEqual([
    requestChanged(created.number, 1),
    requestChanged(created.number, 2),
    requestChanged(created.number, 2),
    { type: "inbox.changed", userId: alice.id },
  ]);
  expect(heard.every((e) => /^[0-9a-z]+-[0-9a-f]{8}-[0-9a-z]+$/.test(e.id))).toBe(true);
});

it("a rolled-back write announces nothing; the commit after it is heard, and nothing before it", async () => {
  const ghost = requestChanged("KV-999999", 7);
  await expect(
    announcingTransaction(async (tx, announce) => {
      announce(ghost);
      await tx.user.count();
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");
  await expect(
    announcingWrite(function* (_dialect, announce) {
      announce(ghost);
      yield* run("SELECT 1/0"); // the statement fails: the transaction rolls back
    }),
  ).rejects.toThrow();
  // A failed create (a duplicate name) rolls back its savepoint: not announced either.
  await expect(createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: "commit_heard" })))).rejects.toThrow();
  const marker = requestChanged("KV-424242", 1);
  await announcingTransaction(async (_tx, announce) => announce(marker));
  // PostgreSQL delivers in commit order: once the marker is in, anything before it is too.
  await until("the marker", heardEvent(marker));
  expect(events()).toEqual([marker]);
});

it("is delivered by the COMMIT itself: a transaction holding the statements announces when it commits, though its process does nothing after", async () => {
  const writer = createEventBus(postgresTransport(process.env.DATABASE_URL!, { applicationName: "kv-events-commit-writer" }));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const announced = requestChanged("KV-515151", 3);
    const { statements } = writer.withCommit([announced]);
    expect(statements).toHaveLength(1);
    await client.query("BEGIN");
    for (const { sql, params } of statements) await client.query(sql, params);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([]); // not before the commit
    await client.query("COMMIT"); // and `committed()` is never called
    await until("the announcement", heardEvent(announced));
  } finally {
    await client.end();
    await writer.close();
  }
});
