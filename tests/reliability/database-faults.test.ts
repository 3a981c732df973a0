// The database going away or turning read-only: readiness says so, writes fail with a
// clear 503 in the error shape (never a hang, a crash or a stack), and the app recovers
// by itself when the database is back.
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, fsyncSync, openSync, renameSync } from "node:fs";
import Database from "better-sqlite3";
import * as readyRoute from "@/app/api/ready/route";
import * as healthRoute from "@/app/api/health/route";
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as commentsRoute from "@/app/api/requests/[number]/comments/route";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { db } from "@/lib/db";
import { asDatabaseOutage } from "@/lib/db/availability";
import { writeConnection } from "@/lib/db/sqlite-connections";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

const file = process.env.DATABASE_URL!.replace(/^file:/, "");
const FILES = ["", "-wal", "-shm"].map((suffix) => file + suffix);
const [, WAL, SHM] = FILES as [string, string, string];
let cookie: string;

beforeAll(async () => {
  await createUser("faulty", "REQUESTER");
  cookie = await signIn("faulty@example.com", TEST_PASSWORD);
});
// Never leave a file immutable, whatever a test did (global-setup also clears leftovers).
afterEach(() => chattr("-i", FILES));
afterAll(() => db.$disconnect());

const ready = () => call(readyRoute.GET, "GET", "/api/ready");
const health = () => call(healthRoute.GET, "GET", "/api/health");
const list = () => call(requestsRoute.GET, "GET", "/api/requests", { cookie });
const create = () => call(requestsRoute.POST, "POST", "/api/requests", { cookie, body: validRequestBody() });
const comment = (number: string) =>
  call(commentsRoute.POST, "POST", `/api/requests/${number}/comments`, { cookie, params: { number }, body: { body: "Still there?" } });
const edit = (number: string, version: number) =>
  call(requestRoute.PATCH, "PATCH", `/api/requests/${number}`, { cookie, params: { number }, body: { version, ownerTeam: "search" } });
// call() sends the app's own Origin with a POST, as a browser on our pages would.
const signInCall = () => call(authRoute.POST, "POST", "/api/auth/sign-in/email", { body: { email: "faulty@example.com", password: TEST_PASSWORD } });

const expectOutage = (res: { status: number; headers: Headers; json: any }) => {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(res.json).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/database is not available/), details: [] } });
  expect(JSON.stringify(res.json)).not.toMatch(/at |\.ts|prisma|sqlite_/i);
};

/** `chattr +i`: not even root may write, truncate or map the file for writing. */
function chattr(flag: "+i" | "-i", files: string[]) {
  const present = files.filter(existsSync);
  if (present.length) execFileSync("chattr", [flag, ...present]);
}

async function whileImmutable(files: string[], body: () => Promise<void>) {
  chattr("+i", files);
  try {
    await body();
  } finally {
    chattr("-i", files);
  }
}

/** The call's answer, or a failure once `ms` have passed: recovery must be prompt, not eventual. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const counts = async () => ({
  requests: await db.datasetRequest.count(),
  events: await db.requestEvent.count(),
  comments: await db.comment.count(),
});

async function newRequest(): Promise<{ number: string; version: number }> {
  const res = await create();
  expect(res.status).toBe(201);
  return res.json;
}

async function withFilesMovedAway(body: () => Promise<void>) {
  // Move the files aside, as an operator mistake or a lost volume would.
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const moved = FILES.filter(existsSync).map((f) => [f, `${f}.away`] as const);
  moved.forEach(([from, to]) => renameSync(from, to));
  try {
    await body();
  } finally {
    moved.forEach(([from, to]) => renameSync(to, from));
  }
}

it("a missing database file: ready 503, writes 503, then recovery when it returns", async () => {
  expect((await ready()).status).toBe(200);
  await withFilesMovedAway(async () => {
    expectOutage(await ready());
    expectOutage(await create());
    expect((await health()).status).toBe(200); // the process itself is fine
    expect(existsSync(file)).toBe(false); // and it did not create an empty database
  });
  expect((await ready()).status).toBe(200);
  const after = await create();
  expect(after.status).toBe(201);
});

it("a missing database file: sign-in answers 503 in the envelope, not better-auth's bare 500", async () => {
  await withFilesMovedAway(async () => {
    // With Prisma's connection open (it used to sign in, into the unlinked file: a session
    // gone at once)…
    expectOutage(await signInCall());
    // …and with none open, as after a restart (it used to be better-auth's bare 500).
    await db.$disconnect();
    expectOutage(await signInCall());
  });
  const after = await signInCall();
  expect(after.status).toBe(200);
  expect(after.headers.getSetCookie().length).toBeGreaterThan(0);
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

it("an immutable -wal: ready 503, comment/edit/create 503 before anything starts; prompt recovery after chattr -i", async () => {
  const r = await newRequest();
  expect(existsSync(WAL)).toBe(true);
  const before = await counts();
  await whileImmutable([WAL], async () => {
    expectOutage(await ready());
    expectOutage(await comment(r.number));
    expectOutage(await edit(r.number, r.version));
    expectOutage(await create());
    expect((await list()).status).toBe(200); // reads need only the -shm
  });
  expect(await counts()).toEqual(before);
  // Writable again: every path answers at once (it used to hang until a restart).
  expect((await within(5000, ready())).status).toBe(200);
  expect((await within(5000, comment(r.number))).status).toBe(201);
  expect((await within(5000, edit(r.number, r.version))).status).toBe(200); // the version did not move
  expect((await within(5000, create())).status).toBe(201);
});

it("a COMMIT that fails under Prisma (the -wal turned immutable after the check) leaves no lock behind", async () => {
  const r = await newRequest();
  const requestNumber = Number(r.number.slice(3));
  const before = await counts();
  await whileImmutable([WAL], async () => {
    // Straight at the client, past the routes' check: SQLite fails the COMMIT (SQLITE_IOERR).
    const single = await within(
      5000,
      db.comment.create({ data: { requestNumber, authorId: "faulty", body: "lost" }, include: { author: true } }).catch((e: unknown) => e),
    );
    expect(asDatabaseOutage(single)?.status).toBe(503); // Prisma reports it as P2028
    const interactive = await within(
      5000,
      db.$transaction((tx) => tx.comment.create({ data: { requestNumber, authorId: "faulty", body: "lost" } })).catch((e: unknown) => e),
    );
    expect(asDatabaseOutage(interactive)?.status).toBe(503);
  });
  expect(await counts()).toEqual(before);
  expect((await within(5000, ready())).status).toBe(200);
  expect((await within(5000, comment(r.number))).status).toBe(201);
  expect((await within(5000, edit(r.number, r.version))).status).toBe(200);
});

it("db, -wal and -shm immutable: ready 503 and the process survives (an unwritable -shm is a SIGBUS)", async () => {
  const r = await newRequest();
  // Make the next read on each of the app's connections write into the -shm: another
  // connection (a CLI, a seed) commits a real change (SQLite skips writing an unchanged
  // row), so no reader holds a mark for the new end of the WAL…
  const other = new Database(file);
  other.prepare(`UPDATE "user" SET "name" = 'Faulty, renamed elsewhere' WHERE "id" = 'faulty'`).run();
  other.close();
  // …and write the -shm's mapped pages back, so that the next write into them asks the
  // file system again — which refuses an immutable file with SIGBUS.
  const shm = openSync(SHM, "r");
  fsyncSync(shm);
  closeSync(shm);
  await whileImmutable(FILES, async () => {
    expectOutage(await ready());
    expectOutage(await list()); // the direct read connection
    expectOutage(await comment(r.number));
    expectOutage(await create());
    expect(asDatabaseOutage(await db.user.count().catch((e: unknown) => e))?.status).toBe(503); // Prisma's
    expect((await health()).status).toBe(200); // still alive
  });
  expect((await within(5000, ready())).status).toBe(200);
  expect((await within(5000, list())).status).toBe(200);
  expect((await within(5000, comment(r.number))).status).toBe(201);
  expect((await within(5000, create())).status).toBe(201);
});
