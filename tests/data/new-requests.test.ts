// New requests' raw SQL (lib/data/requests/insert-request.ts) on the database the run
// uses (SQLite here; PostgreSQL with TEST_DATABASE=postgres): the group commit's
// savepoints, the bulk insert's batches, and rows Prisma reads back as it wrote them.
import { db } from "@/lib/db";
import { createRequest, createRequests } from "@/lib/data/requests/create-request";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";

let alice: SessionUser;
beforeAll(async () => {
  alice = toSessionUser(await createUser("alice"));
});
afterAll(() => db.$disconnect());

const body = (overrides = {}) => createRequestBodySchema.parse(validRequestBody(overrides));

/** What the request's raw insert stored, as Prisma reads it back. */
async function stored(number: number) {
  const request = await db.datasetRequest.findUniqueOrThrow({ where: { number } });
  const events = await db.requestEvent.findMany({ where: { requestNumber: number } });
  const outbox = await db.outboxItem.findMany({ where: { requestNumber: number } });
  return { request, events, outbox };
}

it("stores a request, its CREATED event and its request.created outbox row, as Prisma reads them", async () => {
  const b = body({ backupsEnabled: true, backupRetentionDays: 30, estimatedKeyCount: "9007199254740993" });
  const created = await createRequest(alice, b);
  const number = Number(created.number.slice(3));
  const { request, events, outbox } = await stored(number);
  expect(request).toMatchObject({
    datasetName: b.datasetName,
    liveDatasetName: b.datasetName,
    status: "SUBMITTED",
    backupsEnabled: true,
    requesterId: alice.id,
  });
  expect(request.estimatedKeyCount).toBe(BigInt(b.estimatedKeyCount));
  expect(request.createdAt).toBeInstanceOf(Date);
  expect(Math.abs(request.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  expect(events).toMatchObject([{ kind: "CREATED", toStatus: "SUBMITTED", actorId: alice.id, createdAt: request.createdAt }]);
  expect(outbox).toHaveLength(1);
  expect(outbox[0]).toMatchObject({ channel: "event", orderKey: `event:${number}`, availableAt: request.createdAt, createdAt: request.createdAt });
  expect(outbox[0]!.deliveryId).toMatch(/^evt_[0-9a-f-]{36}$/);
  // The same payload as outboxEventRow writes for every other event (lib/outbox/enqueue.ts).
  expect(outbox[0]!.payload).toBe(JSON.stringify({ type: "request.created", requestNumber: number, actorId: alice.id, at: request.createdAt.toISOString() }));
});

it("creates in one turn share a transaction, and a duplicate name undoes only its own rows (409)", async () => {
  const taken = body();
  const before = await db.outboxItem.count();
  const results = await Promise.allSettled([createRequest(alice, taken), createRequest(alice, { ...taken }), createRequest(alice, body())]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: "DUPLICATE_DATASET_NAME" });
  expect(await db.datasetRequest.count({ where: { datasetName: taken.datasetName } })).toBe(1);
  expect(await db.outboxItem.count()).toBe(before + 2);
});

it("the bulk insert gives each name its own number across batches, with its event and outbox row", async () => {
  const bodies = Array.from({ length: 250 }, () => body());
  const numbers = await createRequests(alice, bodies);
  expect(numbers.size).toBe(250);
  const rows = await db.datasetRequest.findMany({ where: { number: { in: [...numbers.values()] } }, select: { number: true, datasetName: true } });
  expect(new Map(rows.map((r) => [r.datasetName, r.number]))).toEqual(numbers);
  for (const n of [...numbers.values()].filter((_, i) => i % 50 === 0 || i === 249)) {
    const { events, outbox } = await stored(n);
    expect(events.map((e) => e.kind)).toEqual(["CREATED"]);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ type: "request.created", requestNumber: n });
  }
});

it("a bulk insert with a name that is live stores nothing", async () => {
  const live = await createRequest(alice, body());
  const before = await db.datasetRequest.count();
  const bodies = [...Array.from({ length: 120 }, () => body()), body({ datasetName: live.datasetName })];
  await expect(createRequests(alice, bodies)).rejects.toBeTruthy();
  expect(await db.datasetRequest.count()).toBe(before);
});
