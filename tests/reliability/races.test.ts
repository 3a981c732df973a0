// Races: many clients at once. The database's unique index (not a check before insert)
// decides dataset names, and version checks decide edits and transitions.
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as transitionsRoute from "@/app/api/requests/[number]/transitions/route";
import { db } from "@/lib/db";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let cookies: string[] = [];
let admins: string[] = [];

beforeAll(async () => {
  for (const u of ["r1", "r2", "r3", "r4"]) await createUser(u, "REQUESTER");
  for (const u of ["a1", "a2", "a3"]) await createUser(u, "ADMIN", "storage");
  cookies = await Promise.all(["r1", "r2", "r3", "r4"].map((u) => signIn(`${u}@example.com`, TEST_PASSWORD)));
  admins = await Promise.all(["a1", "a2", "a3"].map((u) => signIn(`${u}@example.com`, TEST_PASSWORD)));
});
afterAll(() => db.$disconnect());

it("200 concurrent creates over 20 names: one winner per name, 409 for the rest, nothing partial", async () => {
  const names = Array.from({ length: 20 }, (_, i) => `race_name_${i}`);
  const before = { requests: await db.datasetRequest.count(), events: await db.requestEvent.count() };
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      call(requestsRoute.POST, "POST", "/api/requests", { cookie: cookies[i % cookies.length], body: validRequestBody({ datasetName: names[i % 20] }) }),
    ),
  );
  const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  expect(byStatus).toEqual({ 201: 20, 409: 180 });
  expect(results.filter((r) => r.status === 409).every((r) => r.json.error.code === "DUPLICATE_DATASET_NAME")).toBe(true);
  const winners = results
    .filter((r) => r.status === 201)
    .map((r) => r.json.datasetName)
    .sort();
  expect(winners).toEqual([...names].sort());

  // Exactly the winners were stored, each with its first history event.
  expect(await db.datasetRequest.count()).toBe(before.requests + 20);
  expect(await db.requestEvent.count()).toBe(before.events + 20);
  for (const name of names) expect(await db.datasetRequest.count({ where: { datasetName: name } })).toBe(1);
  const numbers = results.filter((r) => r.status === 201).map((r) => Number(r.json.number.slice(3)));
  expect(new Set(numbers).size).toBe(20);
});

it("20 concurrent edits and 20 concurrent transitions from one version: exactly one of each wins", async () => {
  const created = (await call(requestsRoute.POST, "POST", "/api/requests", { cookie: cookies[0], body: validRequestBody() })).json;
  const { number, version } = created;
  const edits = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(requestRoute.PATCH, "PATCH", `/api/requests/${number}`, {
        cookie: admins[i % admins.length],
        params: { number },
        body: { priority: i % 2 ? "HIGH" : "LOW", version },
      }),
    ),
  );
  expect(edits.filter((r) => r.status === 200)).toHaveLength(1);
  expect(edits.filter((r) => r.status === 409).every((r) => r.json.error.code === "STALE_VERSION")).toBe(true);

  const moves = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(transitionsRoute.POST, "POST", `/api/requests/${number}/transitions`, {
        cookie: admins[i % admins.length],
        params: { number },
        body: { to: i % 2 ? "IN_REVIEW" : "REJECTED", note: "race", version: version + 1 },
      }),
    ),
  );
  expect(moves.filter((r) => r.status === 200)).toHaveLength(1);
  const stored = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(number.slice(3)) } });
  expect(stored.version).toBe(version + 2);
  expect(await db.requestEvent.count({ where: { requestNumber: stored.number } })).toBe(3); // created, priority, one move
});

it("creates wait, without blocking, for a write transaction held by Prisma, then all land", async () => {
  // Creates go in on their own connection (create-request.ts). If that connection waited
  // for the lock synchronously it would stall the event loop, and so the transaction
  // holding the lock: neither could finish.
  const before = await db.datasetRequest.count();
  let creates: Promise<{ status: number }>[] = [];
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('UPDATE "DatasetRequest" SET "version" = "version" WHERE 0'); // takes the write lock
    creates = Array.from({ length: 10 }, (_, i) =>
      call(requestsRoute.POST, "POST", "/api/requests", { cookie: cookies[i % cookies.length], body: validRequestBody() }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the creates try meanwhile
    expect(await tx.datasetRequest.count()).toBe(before);
  });
  expect((await Promise.all(creates)).map((r) => r.status)).toEqual(Array(10).fill(201));
  expect(await db.datasetRequest.count()).toBe(before + 10);
});
