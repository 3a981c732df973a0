// PostgreSQL storage (issue #18), on real databases in the test cluster: the migration
// runner, the Prisma client over every model, the triggers and unique rules ported from
// the SQLite migrations, and the trigram search index. Runs with TEST_DATABASE=postgres
// (npm run test:unit:postgres), on a fresh database from the migrated template.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-prisma-client";
import { closePostgresPool } from "@/lib/db/postgres";
import { Prisma } from "@/lib/generated/prisma/client";
import { POSTGRES_DB_PREFIX, postgresTestUrl } from "@/tests/setup/paths";
import { createDatabase } from "@/scripts/postgres-databases.mjs";
import { orderBy } from "@/lib/data/requests/list-query/page";
import { SORT_COLUMN } from "@/lib/data/requests/list-query/terms";
import { postgresDialect } from "@/lib/db/sql/dialect";

const run = promisify(execFile);
const MIGRATIONS: string[] = readdirSync("prisma/postgres/migrations")
  .filter((name) => /^\d{14}_/.test(name))
  .sort();
const LOCK_KEY = readFileSync("scripts/migrate.mjs", "utf8").match(/LOCK_KEY = "(\d+)"/)![1];

/** A new, empty database name of this run (global teardown drops it). */
const freshName = (what: string) => `${POSTGRES_DB_PREFIX}${what}_${randomBytes(4).toString("hex")}`;

/** node scripts/migrate.mjs on `url`: its exit code and output. */
async function migrate(url: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

const applied = (url: string) =>
  withClient(
    url,
    async (c) => (await c.query(`SELECT "name", "checksum" FROM "_kvstore_migrations" ORDER BY "name"`)).rows as { name: string; checksum: string }[],
  );

describe("the migration runner (scripts/migrate.mjs)", () => {
  it("creates the database, applies every migration once, and a second run is a no-op", async () => {
    const url = postgresTestUrl(freshName("runner"));
    const first = await migrate(url);
    expect(first).toEqual({ code: 0, out: expect.stringContaining(`applied ${MIGRATIONS[0]}`) });
    expect((await applied(url)).map((m) => m.name)).toEqual(MIGRATIONS);
    const second = await migrate(url);
    expect(second).toEqual({ code: 0, out: expect.stringContaining("no pending migrations") });
    expect(second.out).not.toContain("applied 2");
    expect((await applied(url)).map((m) => m.name)).toEqual(MIGRATIONS);
  }, 60_000);

  it("refuses to run when an applied migration's file changed, or the database has one it does not know", async () => {
    const url = postgresTestUrl(freshName("changed"));
    expect((await migrate(url)).code).toBe(0);
    // The recorded checksum no longer matches the file: as if the file had been edited since.
    await withClient(url, (c) => c.query(`UPDATE "_kvstore_migrations" SET "checksum" = 'edited' WHERE "name" = $1`, [MIGRATIONS[0]]));
    const changed = await migrate(url);
    expect(changed.code).toBe(1);
    expect(changed.out).toContain(`applied migrations were changed since (${MIGRATIONS[0]})`);

    await withClient(url, (c) => c.query(`UPDATE "_kvstore_migrations" SET "checksum" = $1 WHERE "name" = $2`, [sha256File(MIGRATIONS[0]), MIGRATIONS[0]]));
    expect((await migrate(url)).code).toBe(0);
    await withClient(url, (c) => c.query(`INSERT INTO "_kvstore_migrations" ("name", "checksum") VALUES ('29991231000000_from_the_future', 'x')`));
    const unknown = await migrate(url);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("the database has migrations this code does not know (29991231000000_from_the_future)");
  }, 60_000);

  it("waits for the advisory lock, so two runners never apply together", async () => {
    const url = postgresTestUrl(freshName("locked"));
    const hasTable = () => withClient(url, async (c) => (await c.query(`SELECT to_regclass('"_kvstore_migrations"') AS t`)).rows[0].t !== null);
    // Another migrator holds the lock (advisory locks are per database: it is on this one).
    await createDatabase(new URL(url).pathname.slice(1));
    await withClient(url, async (holder) => {
      await holder.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
      const running = migrate(url);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await hasTable()).toBe(false); // it waits for the lock before anything else
      await holder.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
      expect(await running).toEqual({ code: 0, out: expect.stringContaining(`applied ${MIGRATIONS[0]}`) });
    });

    // Two at once on a fresh database: both succeed, one applies, the other finds nothing to do.
    const fresh = postgresTestUrl(freshName("pair"));
    const both = await Promise.all([migrate(fresh), migrate(fresh)]);
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    expect(both.filter((r) => r.out.includes(`applied ${MIGRATIONS[0]}`))).toHaveLength(1);
    expect(both.filter((r) => r.out.includes("no pending migrations"))).toHaveLength(1);
    expect((await applied(fresh)).map((m) => m.name)).toEqual(MIGRATIONS);
  }, 60_000);
});

function sha256File(name: string | undefined): string {
  return createHash("sha256")
    .update(readFileSync(`prisma/postgres/migrations/${name}/migration.sql`, "utf8"))
    .digest("hex");
}

// ---- the app's database (this file's fresh copy of the template) ----

let db: PrismaClient;
let sql: pg.Client;

beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgresql:\/\//);
  db = createPrismaClient(process.env.DATABASE_URL!);
  sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
});

afterAll(async () => {
  await db.$disconnect();
  await closePostgresPool(process.env.DATABASE_URL!);
  await sql.end();
});

let seq = 0;
const uid = (what: string) => `${what}-${++seq}-${randomBytes(3).toString("hex")}`;

async function user(name = "Ann") {
  const id = uid("user");
  return db.user.create({ data: { id, name, email: `${id}@example.com` } });
}

/** The metadata a request and a dataset share (every required column). */
const metadata = (estimatedKeyCount: bigint) => ({
  requestType: "NEW",
  ownerTeam: "search",
  contactEmail: "team@example.com",
  useCase: "Session lookups for the checkout flow",
  keyFormat: "STRING",
  valueFormat: "JSON",
  ingestion: "BATCH",
  updateFrequency: "DAILY",
  estimatedSizeGb: 12.5,
  estimatedKeyCount,
  readQps: 100,
  writeQps: 10,
  p99LatencyMs: 20,
  regions: "eu-west-1",
  dataClassification: "INTERNAL",
  backupsEnabled: true,
});

async function request(requesterId: string, data: Partial<Prisma.DatasetRequestUncheckedCreateInput> = {}) {
  const name = uid("ds");
  return db.datasetRequest.create({
    data: { datasetName: name, liveDatasetName: name, priority: "HIGH", priorityRank: 2, requesterId, ...metadata(42n), ...data },
  });
}

const ABOVE_2_53 = 2n ** 53n + 1n; // 9007199254740993: a Number would round it
const NEAR_MAX = 2n ** 63n - 1n;

describe("the Prisma client on PostgreSQL", () => {
  it("round-trips every model", async () => {
    const covered = new Set<string>();
    const ann = await user();
    const bob = await user("Bob");
    covered.add("User");
    const at = new Date("2026-03-04T05:06:07.891Z");

    await db.session.create({ data: { id: uid("s"), token: uid("t"), expiresAt: at, userId: ann.id } });
    expect(await db.session.findFirst({ where: { userId: ann.id } })).toMatchObject({ expiresAt: at, userId: ann.id });
    covered.add("Session");
    await db.account.create({
      data: { id: uid("a"), accountId: ann.id, providerId: "credential", userId: ann.id, password: "hash", accessTokenExpiresAt: at },
    });
    expect(await db.account.findFirst({ where: { userId: ann.id } })).toMatchObject({ password: "hash", accessTokenExpiresAt: at });
    covered.add("Account");
    await db.verification.create({ data: { id: uid("v"), identifier: "ann", value: "v", expiresAt: at } });
    expect(await db.verification.findFirst({ where: { identifier: "ann" } })).toMatchObject({ value: "v", expiresAt: at });
    covered.add("Verification");

    const req = await request(ann.id, { estimatedKeyCount: ABOVE_2_53, assigneeId: bob.id, neededBy: "2026-12-24" });
    expect(req.number).toBeGreaterThan(0);
    const readBack = await db.datasetRequest.findUniqueOrThrow({ where: { number: req.number } });
    expect(readBack).toMatchObject({
      estimatedKeyCount: ABOVE_2_53,
      estimatedSizeGb: 12.5,
      backupsEnabled: true,
      status: "SUBMITTED",
      version: 1,
      checklist: "",
    });
    expect(readBack.assigneeName).toBe("Bob"); // the trigger
    covered.add("DatasetRequest");
    expect(await db.requestCount.findMany({ where: { assigneeId: bob.id } })).toEqual([
      { status: "SUBMITTED", requestType: "NEW", priority: "HIGH", assigneeId: bob.id, n: 1 },
    ]);
    covered.add("RequestCount");
    // The insights' counts, kept by triggers (migration 20261203100000_insight_counts).
    const completedAt = new Date(at.getTime() + 1.5 * 86_400_000);
    const done = await request(ann.id, { ownerTeam: uid("team"), status: "COMPLETED", createdAt: at, completedAt });
    expect(await db.insightCount.findMany({ where: { ownerTeam: done.ownerTeam } })).toEqual([
      { month: at.toISOString().slice(0, 7), requestType: "NEW", ownerTeam: done.ownerTeam, status: "COMPLETED", n: 1 },
    ]);
    covered.add("InsightCount");
    const doneMonth = completedAt.toISOString().slice(0, 7);
    expect(await db.completionTime.findUnique({ where: { number: done.number } })).toEqual({ number: done.number, month: doneMonth, days: 1.5 });
    covered.add("CompletionTime");
    expect((await db.completionCount.findUniqueOrThrow({ where: { month: doneMonth } })).n).toBeGreaterThanOrEqual(1);
    covered.add("CompletionCount");

    await db.requestEvent.create({ data: { requestNumber: req.number, actorId: ann.id, kind: "CREATED", toStatus: "SUBMITTED" } });
    expect(await db.requestEvent.findMany({ where: { requestNumber: req.number } })).toMatchObject([{ kind: "CREATED", toStatus: "SUBMITTED" }]);
    covered.add("RequestEvent");
    const comment = await db.comment.create({ data: { requestNumber: req.number, authorId: ann.id, body: "Ünïcödé ✓ and 'quotes'" } });
    await db.comment.update({ where: { id: comment.id }, data: { editedAt: at } });
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ body: "Ünïcödé ✓ and 'quotes'", editedAt: at, deletedAt: null });
    covered.add("Comment");
    await db.apiToken.create({ data: { id: uid("tok"), userId: ann.id, name: "ci", tokenHash: uid("h"), prefix: "kvs_ab", readOnly: true, expiresAt: at } });
    expect(await db.apiToken.findFirst({ where: { userId: ann.id } })).toMatchObject({ readOnly: true, expiresAt: at, revokedAt: null });
    covered.add("ApiToken");
    await db.userChange.create({ data: { actorId: ann.id, userId: bob.id, field: "role", fromValue: "REQUESTER", toValue: "ADMIN" } });
    expect(await db.userChange.count({ where: { userId: bob.id } })).toBe(1);
    covered.add("UserChange");
    await db.savedView.create({ data: { id: uid("view"), userId: ann.id, name: "Stale EU", nameKey: "stale eu", query: "status=SUBMITTED" } });
    await expect(db.savedView.create({ data: { id: uid("view"), userId: ann.id, name: "stale EU", nameKey: "stale eu", query: "" } })).rejects.toMatchObject({
      code: "P2002",
    });
    covered.add("SavedView");

    const dataset = await db.dataset.create({
      data: { name: req.datasetName, liveName: req.datasetName, originRequestNumber: req.number, ...metadata(NEAR_MAX), actualSizeGb: 0.1, provisionedAt: at },
    });
    expect(await db.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).toMatchObject({
      estimatedKeyCount: NEAR_MAX,
      actualSizeGb: 0.1,
      provisionedAt: at,
      status: "LIVE",
    });
    covered.add("Dataset");
    await db.datasetChange.create({ data: { datasetId: dataset.id, field: "cluster", oldValue: null, newValue: "kv-eu-1", actorId: ann.id } });
    expect(await db.datasetChange.findMany({ where: { datasetId: dataset.id } })).toMatchObject([
      { field: "cluster", newValue: "kv-eu-1", requestNumber: null },
    ]);
    covered.add("DatasetChange");

    const item = await db.outboxItem.create({
      data: { channel: "event", deliveryId: uid("d"), requestNumber: req.number, payload: '{"a":1}', availableAt: at },
    });
    await db.outboxItem.update({ where: { id: item.id }, data: { attempts: { increment: 1 }, leaseOwner: "w1", leaseUntil: at } });
    expect(await db.outboxItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      attempts: 1,
      leaseOwner: "w1",
      leaseUntil: at,
      deliveredAt: null,
    });
    covered.add("OutboxItem");
    await db.requestWatch.create({ data: { requestNumber: req.number, userId: bob.id, watching: true } });
    await db.requestWatch.update({ where: { requestNumber_userId: { requestNumber: req.number, userId: bob.id } }, data: { watching: false } });
    expect(await db.requestWatch.findMany({ where: { userId: bob.id } })).toMatchObject([{ watching: false }]);
    covered.add("RequestWatch");
    await db.notification.create({
      data: { userId: bob.id, deliveryId: uid("n"), requestNumber: req.number, kind: "request.commented", title: "New comment" },
    });
    expect(await db.notification.count({ where: { userId: bob.id, readAt: null } })).toBe(1);
    covered.add("Notification");
    await db.notificationPreference.upsert({
      where: { userId_kind: { userId: bob.id, kind: "request.commented" } },
      create: { userId: bob.id, kind: "request.commented", email: false },
      update: { email: true },
    });
    expect(await db.notificationPreference.findMany({ where: { userId: bob.id } })).toEqual([{ userId: bob.id, kind: "request.commented", email: false }]);
    covered.add("NotificationPreference");
    const endpoint = await db.webhookEndpoint.create({
      data: { id: uid("wh"), url: "https://hooks.example.com/kv", events: '["request.created"]', secret: "s", createdById: ann.id },
    });
    covered.add("WebhookEndpoint");
    await db.webhookAttempt.create({ data: { deliveryId: item.deliveryId, endpointId: endpoint.id, statusCode: 500, durationMs: 12 } });
    await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
    expect(await db.webhookAttempt.count({ where: { endpointId: endpoint.id } })).toBe(0); // ON DELETE CASCADE
    covered.add("WebhookAttempt");

    // Every model of the schema was written and read back above.
    expect([...covered].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("keeps BigInt key counts exact above 2^53, in Prisma and in raw SQL", async () => {
    const ann = await user();
    const req = await request(ann.id, { estimatedKeyCount: ABOVE_2_53 });
    const rows = await db.$queryRaw<
      { n: bigint; text: string }[]
    >`SELECT "estimatedKeyCount" AS n, "estimatedKeyCount"::text AS text FROM "DatasetRequest" WHERE "number" = ${req.number}`;
    expect(rows).toEqual([{ n: ABOVE_2_53, text: "9007199254740993" }]);
    const agg = await db.datasetRequest.aggregate({ where: { number: req.number }, _max: { estimatedKeyCount: true } });
    expect(agg._max.estimatedKeyCount).toBe(ABOVE_2_53);
  });

  it("stores DateTime as a UTC instant to the millisecond, whatever the session's time zone", async () => {
    const ann = await user();
    const at = new Date("2026-07-01T23:59:59.999Z");
    const req = await request(ann.id, { completedAt: at });
    await sql.query("SET TIME ZONE 'Pacific/Auckland'");
    const { rows } = await sql.query(
      `SELECT "completedAt", to_char("completedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS utc FROM "DatasetRequest" WHERE "number" = $1`,
      [req.number],
    );
    expect(rows[0].completedAt.getTime()).toBe(at.getTime());
    expect(rows[0].utc).toBe("2026-07-01T23:59:59.999");
    // Microseconds written by hand are rounded to the column's milliseconds.
    await sql.query(`UPDATE "DatasetRequest" SET "completedAt" = '2026-07-02 00:00:00.123456+00' WHERE "number" = $1`, [req.number]);
    expect((await db.datasetRequest.findUniqueOrThrow({ where: { number: req.number } })).completedAt).toEqual(new Date("2026-07-02T00:00:00.123Z"));
    // now() defaults are timestamptz too: the row's createdAt is within a second of the client's clock.
    expect(Math.abs(req.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("the triggers ported from the SQLite migrations", () => {
  it("keeps RequestEvent, UserChange and DatasetChange append-only", async () => {
    const ann = await user();
    const req = await request(ann.id);
    const event = await db.requestEvent.create({ data: { requestNumber: req.number, actorId: ann.id, kind: "CREATED" } });
    const change = await db.userChange.create({ data: { actorId: ann.id, userId: ann.id, field: "active", fromValue: "true", toValue: "false" } });
    const dataset = await db.dataset.create({ data: { name: req.datasetName, liveName: req.datasetName, originRequestNumber: req.number, ...metadata(1n) } });
    const dsChange = await db.datasetChange.create({ data: { datasetId: dataset.id, field: "endpoint", newValue: "kv://x", actorId: ann.id } });
    for (const [table, id] of [
      ["RequestEvent", event.id],
      ["UserChange", change.id],
      ["DatasetChange", dsChange.id],
    ] as const) {
      await expect(sql.query(`UPDATE "${table}" SET "createdAt" = now() WHERE "id" = $1`, [id])).rejects.toThrow(`${table} is append-only`);
      await expect(sql.query(`DELETE FROM "${table}" WHERE "id" = $1`, [id])).rejects.toThrow(`${table} is append-only`);
      await expect(sql.query(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(`${table} is append-only`);
      expect((await sql.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "id" = $1`, [id])).rows[0].n).toBe(1);
    }
    await expect(db.requestEvent.update({ where: { id: event.id }, data: { note: "rewritten" } })).rejects.toThrow(/append-only/);
  });

  it("keeps assigneeName equal to the assignee's name", async () => {
    const ann = await user();
    const carol = await user("Carol");
    const dave = await user("Dave");
    const req = await request(ann.id, { assigneeId: carol.id, assigneeName: "someone else" });
    const name = async () => (await db.datasetRequest.findUniqueOrThrow({ where: { number: req.number } })).assigneeName;
    expect(await name()).toBe("Carol");
    await db.datasetRequest.update({ where: { number: req.number }, data: { assigneeId: dave.id } });
    expect(await name()).toBe("Dave");
    await db.user.update({ where: { id: dave.id }, data: { name: "David" } });
    expect(await name()).toBe("David");
    await db.datasetRequest.update({ where: { number: req.number }, data: { assigneeName: "forged" } });
    expect(await name()).toBe("David");
    await db.datasetRequest.update({ where: { number: req.number }, data: { assigneeId: null } });
    expect(await name()).toBeNull();
  });

  it("keeps RequestCount on insert, change and delete", async () => {
    const ann = await user();
    const count = async (status: string, priority: string) =>
      (await db.requestCount.findUnique({ where: { status_requestType_priority_assigneeId: { status, requestType: "MIGRATION", priority, assigneeId: "" } } }))
        ?.n ?? 0;
    const a = await request(ann.id, { requestType: "MIGRATION", priority: "LOW" });
    await request(ann.id, { requestType: "MIGRATION", priority: "LOW" });
    expect(await count("SUBMITTED", "LOW")).toBe(2);
    await db.datasetRequest.update({ where: { number: a.number }, data: { status: "IN_REVIEW", priority: "URGENT" } });
    expect([await count("SUBMITTED", "LOW"), await count("IN_REVIEW", "URGENT")]).toEqual([1, 1]);
    await db.datasetRequest.update({ where: { number: a.number }, data: { useCase: "unrelated change" } });
    expect([await count("SUBMITTED", "LOW"), await count("IN_REVIEW", "URGENT")]).toEqual([1, 1]);
    await db.datasetRequest.delete({ where: { number: a.number } });
    expect([await count("SUBMITTED", "LOW"), await count("IN_REVIEW", "URGENT")]).toEqual([1, 0]);
  });
});

describe("the unique rules", () => {
  it("refuses two live datasets with one name; a decommissioned one frees the name", async () => {
    const ann = await user();
    const first = await request(ann.id);
    const second = await request(ann.id);
    const name = uid("catalog");
    const live = await db.dataset.create({ data: { name, liveName: name, originRequestNumber: first.number, ...metadata(1n) } });
    await expect(db.dataset.create({ data: { name, liveName: name, originRequestNumber: second.number, ...metadata(1n) } })).rejects.toMatchObject({
      code: "P2002",
    });
    await db.dataset.update({ where: { id: live.id }, data: { status: "DECOMMISSIONED", liveName: null, decommissionedAt: new Date() } });
    const again = await db.dataset.create({ data: { name, liveName: name, originRequestNumber: second.number, ...metadata(1n) } });
    expect(again.liveName).toBe(name);
    // One dataset per origin request.
    await expect(db.dataset.create({ data: { name: uid("other"), originRequestNumber: second.number, ...metadata(1n) } })).rejects.toMatchObject({
      code: "P2002",
    });
  });

  it("refuses a second live request for one name and a second open amendment; many closed ones may share them", async () => {
    const ann = await user();
    const name = uid("claimed");
    const first = await request(ann.id, { datasetName: name, liveDatasetName: name });
    await expect(request(ann.id, { datasetName: name, liveDatasetName: name })).rejects.toMatchObject({ code: "P2002" });
    await db.datasetRequest.update({ where: { number: first.number }, data: { status: "REJECTED", liveDatasetName: null } });
    await request(ann.id, { datasetName: name, liveDatasetName: name });
    await request(ann.id, { datasetName: name, liveDatasetName: null, status: "CANCELLED" });

    const amendment = `CHANGE:${name}`;
    await request(ann.id, { requestType: "CHANGE", datasetName: name, liveDatasetName: null, openAmendment: amendment });
    await expect(request(ann.id, { requestType: "CHANGE", datasetName: name, liveDatasetName: null, openAmendment: amendment })).rejects.toMatchObject({
      code: "P2002",
    });
    await request(ann.id, { requestType: "DECOMMISSION", datasetName: name, liveDatasetName: null, openAmendment: `DECOMMISSION:${name}` });
  });
});

describe("full-text search (pg_trgm, in place of SQLite's FTS5 trigram tables)", () => {
  beforeAll(async () => {
    const ann = await user();
    // Enough rows that the planner prefers the index to reading the table.
    const columns = `"datasetName", "ownerTeam", "useCase", "requestType", "contactEmail", "keyFormat", "valueFormat", "ingestion", "updateFrequency",
      "estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions", "dataClassification", "backupsEnabled", "priority", "priorityRank", "requesterId"`;
    const values = (name: string, i: string) =>
      `${name}, 'team-' || (${i} % 50), 'use case number ' || ${i} || ' for ' || md5(${i}::text), 'NEW', 'a@example.com', 'STRING', 'JSON', 'BATCH', 'DAILY',
       1, 1, 1, 1, 1, 'eu-west-1', 'INTERNAL', true, 'LOW', 1, $1`;
    await sql.query(`INSERT INTO "DatasetRequest" (${columns}) SELECT ${values("'bulk-' || i", "i")} FROM generate_series(1, 20000) AS i`, [ann.id]);
    await sql.query(`INSERT INTO "DatasetRequest" (${columns}) VALUES (${values("'orders-by-Zebra42'", "7")})`, [ann.id]);
    const datasetColumns = columns.replace('"datasetName"', '"name"').replace(`, "priority", "priorityRank", "requesterId"`, `, "originRequestNumber"`);
    await sql.query(
      `INSERT INTO "Dataset" (${datasetColumns}) SELECT ${values("'dataset-' || i", "i").replace(", 'LOW', 1, $1", ", 1000000 + i")} FROM generate_series(1, 20000) AS i`,
    );
    await sql.query(`INSERT INTO "Dataset" (${datasetColumns}) VALUES (${values("'orders-by-Zebra42'", "7").replace(", 'LOW', 1, $1", ", 999")})`);
    // VACUUM moves the rows from the GIN indexes' pending lists into the indexes proper, as autovacuum does.
    await sql.query(`VACUUM ANALYZE "DatasetRequest"`);
    await sql.query(`VACUUM ANALYZE "Dataset"`);
  }, 60_000);

  /** "contains the text" in any of the three columns, folding case: what an FTS5 trigram phrase matches. */
  const search = (table: string, nameColumn: string) =>
    `SELECT count(*)::int AS n FROM "${table}" WHERE "${nameColumn}" ILIKE $1 OR "ownerTeam" ILIKE $1 OR "useCase" ILIKE $1`;

  it("reads a page of the queue in every sort and direction from an index, without sorting the table", async () => {
    for (const column of new Set(Object.values(SORT_COLUMN))) {
      for (const dir of ["ASC", "DESC"] as const) {
        const order = orderBy(postgresDialect, `"DatasetRequest"`, column, dir);
        const plan = (await sql.query(`EXPLAIN SELECT "number" FROM "DatasetRequest" ORDER BY ${order} LIMIT 25`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
        expect({ order, plan }).toEqual({ order, plan: expect.stringMatching(/^Limit .*\n\s*->\s+Index (Only )?Scan( Backward)? using/) });
        expect({ order, plan }).toEqual({ order, plan: expect.not.stringContaining("Sort") });
      }
    }
  });

  it.each([
    ["DatasetRequest", "datasetName"],
    ["Dataset", "name"],
  ])("answers a substring search on %s from its trigram indexes", async (table, nameColumn) => {
    const plan = (await sql.query(`EXPLAIN ${search(table, nameColumn)}`, ["%zebra42%"])).rows.map((r) => r["QUERY PLAN"]).join("\n");
    for (const column of [nameColumn, "ownerTeam", "useCase"]) expect(plan).toContain(`Bitmap Index Scan on "${table}_${column}_trgm"`);
    expect(plan).not.toContain("Seq Scan");
    expect((await sql.query(search(table, nameColumn), ["%zebra42%"])).rows[0].n).toBe(1);
    expect((await sql.query(search(table, nameColumn), ["%ZEBRA%"])).rows[0].n).toBe(1);
    expect((await sql.query(search(table, nameColumn), ["%number 1234 for%"])).rows[0].n).toBe(1);
  });
});
