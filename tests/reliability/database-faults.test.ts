// The database going away or turning read-only: readiness says so, writes fail with a
// clear 503 in the error shape (never a hang, a crash or a stack), and the app recovers
// by itself when the database is back.
import { existsSync, renameSync } from "node:fs";
import * as readyRoute from "@/app/api/ready/route";
import * as healthRoute from "@/app/api/health/route";
import * as requestsRoute from "@/app/api/requests/route";
import { db } from "@/lib/db";
import { writeConnection } from "@/lib/db/sqlite-connections";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

const file = process.env.DATABASE_URL!.replace(/^file:/, "");
const FILES = ["", "-wal", "-shm"].map((suffix) => file + suffix);
let cookie: string;

beforeAll(async () => {
  await createUser("faulty", "REQUESTER");
  cookie = await signIn("faulty@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const ready = () => call(readyRoute.GET, "GET", "/api/ready");
const create = () => call(requestsRoute.POST, "POST", "/api/requests", { cookie, body: validRequestBody() });
const expectOutage = (res: { status: number; headers: Headers; json: any }) => {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(res.json).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/database is not available/), details: [] } });
  expect(JSON.stringify(res.json)).not.toMatch(/at |\.ts|prisma|sqlite_/i);
};

it("a missing database file: ready 503, writes 503, then recovery when it returns", async () => {
  expect((await ready()).status).toBe(200);
  // Move the files aside, as an operator mistake or a lost volume would.
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const moved = FILES.filter(existsSync).map((f) => [f, `${f}.away`] as const);
  moved.forEach(([from, to]) => renameSync(from, to));
  try {
    expectOutage(await ready());
    expectOutage(await create());
    expect((await health()).status).toBe(200); // the process itself is fine
    expect(existsSync(file)).toBe(false); // and it did not create an empty database
  } finally {
    moved.forEach(([from, to]) => renameSync(to, from));
  }
  expect((await ready()).status).toBe(200);
  const after = await create();
  expect(after.status).toBe(201);
});

it("a read-only database: ready 503, writes 503 with nothing half-written, then recovery", async () => {
  const before = await db.datasetRequest.count();
  // Both writers: Prisma's connection (edits, readiness) and the direct one (creates, imports).
  const readOnly = async (on: 0 | 1) => {
    await db.$queryRawUnsafe(`PRAGMA query_only = ${on}`);
    writeConnection().pragma(`query_only = ${on}`);
  };
  await readOnly(1);
  try {
    expectOutage(await ready());
    expectOutage(await create());
    expect(await db.datasetRequest.count()).toBe(before);
  } finally {
    await readOnly(0);
  }
  expect((await ready()).status).toBe(200);
  expect((await create()).status).toBe(201);
});

const health = () => call(healthRoute.GET, "GET", "/api/health");
