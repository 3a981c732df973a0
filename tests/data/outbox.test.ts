// The outbox's first half against a real database: every change writes its domain event
// in its own transaction (the worker that delivers them: outbox-worker.test.ts).
import { db } from "@/lib/db";
import { createRequest } from "@/lib/data/requests/create-request";
import { createRequests } from "@/lib/data/requests/create-request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { updateRequest } from "@/lib/data/requests/update-request";
import { addComment } from "@/lib/data/requests/add-comment";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { EVENT_CHANNEL, type RequestDomainEvent } from "@/lib/outbox/events";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";

let alice: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  alice = toSessionUser(await createUser("alice", "REQUESTER"));
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
});
afterAll(() => db.$disconnect());

const create = (overrides = {}) => createRequest(alice, createRequestBodySchema.parse(validRequestBody(overrides)));
const eventsOf = async (number: string) =>
  (await db.outboxItem.findMany({ where: { channel: EVENT_CHANNEL, requestNumber: Number(number.slice(3)) }, orderBy: { id: "asc" } })).map(
    (i) => JSON.parse(i.payload) as RequestDomainEvent,
  );

describe("every change writes its domain event in its own transaction", () => {
  it("create, transition with its note, comment, assignment and edit each write one", async () => {
    const r = await create();
    let current = await transitionRequest(admin, r.number, { to: "IN_REVIEW", note: null, version: r.version }, null);
    current = await transitionRequest(admin, r.number, { to: "NEEDS_INFO", note: "Which region first?", version: current.version }, null);
    await addComment(admin, r.number, { body: "Also the key format" });
    current = await updateRequest(admin, r.number, { assigneeId: admin.id, priority: "HIGH", version: current.version }, null);
    const events = await eventsOf(r.number);
    expect(events.map((e) => e.type)).toEqual([
      "request.created",
      "request.status_changed",
      "request.status_changed",
      "request.commented",
      "request.updated",
      "request.assigned",
    ]);
    expect(events[0]).toMatchObject({ actorId: alice.id, requestNumber: Number(r.number.slice(3)) });
    // One order key per request, whichever path wrote the event (the create's is plain SQL).
    const keys = await db.outboxItem.findMany({ where: { channel: EVENT_CHANNEL, requestNumber: Number(r.number.slice(3)) }, select: { orderKey: true } });
    expect(new Set(keys.map((k) => k.orderKey))).toEqual(new Set([`event:${r.number.slice(3)}`]));
    expect(events[2]).toMatchObject({ actorId: admin.id, from: "IN_REVIEW", to: "NEEDS_INFO", note: "Which region first?" });
    expect(events[4]).toMatchObject({ fields: ["priority"] });
    expect(events[5]).toMatchObject({ assigneeId: admin.id, previousAssigneeId: null });
    // The requester's edit in NEEDS_INFO sends it back to review: an edit and a status change.
    await updateRequest(alice, r.number, { useCase: "Balances by account id, for checkout.", version: current.version }, null);
    expect((await eventsOf(r.number)).slice(6)).toMatchObject([
      { type: "request.updated", fields: ["useCase"], actorId: alice.id },
      { type: "request.status_changed", from: "NEEDS_INFO", to: "IN_REVIEW", note: "Resubmitted with changes" },
    ]);
  });

  it("a bulk import writes one created event per request, in the import's transaction", async () => {
    const bodies = [validRequestBody(), validRequestBody()].map((b) => createRequestBodySchema.parse(b));
    const numbers = await createRequests(alice, bodies);
    for (const n of numbers.values()) expect(await eventsOf(`KV-${n}`)).toMatchObject([{ type: "request.created", actorId: alice.id }]);
  });

  it("a change that fails writes no event", async () => {
    const taken = await create();
    const r = await create();
    const before = await db.outboxItem.count();
    // The unique name index refuses the update inside its transaction: all of it rolls back.
    await expect(updateRequest(alice, r.number, { datasetName: taken.datasetName, version: r.version }, null)).rejects.toMatchObject({
      code: "DUPLICATE_DATASET_NAME",
    });
    // The group commit's savepoint undoes a duplicate create's row, event and outbox item.
    await expect(create({ datasetName: taken.datasetName })).rejects.toMatchObject({ code: "DUPLICATE_DATASET_NAME" });
    expect(await db.outboxItem.count()).toBe(before);
    expect((await eventsOf(r.number)).map((e) => e.type)).toEqual(["request.created"]);
  });
});
