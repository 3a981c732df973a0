// The committed migrations and prisma/schema.prisma describe the same database.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";

it("prisma/migrations produce exactly the schema in prisma/schema.prisma", () => {
  const out = execFileSync("node", ["scripts/new-migration.mjs", "--check"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(out).toContain("migrations match the schema");
}, 60_000);

// The people migration (issue 16) on a database that already holds people and tokens:
// each earlier migration's SQL, some rows, then the new migration.
describe("20261201090000_people_and_token_limits on an existing database", () => {
  const DIR = "prisma/migrations";
  const NEW = "20261201090000_people_and_token_limits";
  const sql = (name: string) => readFileSync(`${DIR}/${name}/migration.sql`, "utf8");

  it("keeps everyone active, tokens read-write and never expiring, and the rename trigger", () => {
    const db = new Database(":memory:");
    const earlier = readdirSync(DIR)
      .filter((n) => /^\d{14}_/.test(n) && n < NEW)
      .sort();
    for (const name of earlier) db.exec(sql(name));
    db.prepare(
      `INSERT INTO "user" ("id", "name", "email", "role", "updatedAt") VALUES ('u1', 'Ann', 'ann@example.com', 'ADMIN', '2026-11-01T00:00:00.000+00:00')`,
    ).run();
    db.prepare(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix") VALUES ('t1', 'u1', 'tool', 'h', 'kvs_abc')`).run();

    db.exec(sql(NEW));

    expect(db.prepare(`SELECT "active", "lastSeenAt" FROM "user" WHERE "id" = 'u1'`).get()).toEqual({ active: 1, lastSeenAt: null });
    expect(db.prepare(`SELECT "readOnly", "expiresAt" FROM "ApiToken" WHERE "id" = 't1'`).get()).toEqual({ readOnly: 0, expiresAt: null });
    const triggers = db.prepare(`SELECT "name" FROM "sqlite_schema" WHERE "type" = 'trigger'`).pluck().all();
    expect(triggers).toEqual(expect.arrayContaining(["user_name_assignments", "UserChange_no_update", "UserChange_no_delete"]));

    db.prepare(`INSERT INTO "UserChange" ("actorId", "userId", "field", "fromValue", "toValue") VALUES ('u1', 'u1', 'role', 'ADMIN', 'REQUESTER')`).run();
    expect(() => db.prepare(`UPDATE "UserChange" SET "toValue" = 'ADMIN'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM "UserChange"`).run()).toThrow(/append-only/);
    db.close();
  });
});

// The datasets migration (issue 14) on a database that already holds requests: each
// completed NEW or MIGRATION request becomes a live dataset with its metadata; nothing else does.
describe("20261202300000_datasets on an existing database", () => {
  const DIR = "prisma/migrations";
  const NEW = "20261202300000_datasets";
  const sql = (name: string) => readFileSync(`${DIR}/${name}/migration.sql`, "utf8");

  it("turns today's completed NEW and MIGRATION requests into datasets", () => {
    const db = new Database(":memory:");
    for (const name of readdirSync(DIR)
      .filter((n) => /^\d{14}_/.test(n) && n < NEW)
      .sort())
      db.exec(sql(name));
    db.prepare(`INSERT INTO "user" ("id", "name", "email", "updatedAt") VALUES ('u1', 'Ann', 'ann@example.com', '2026-11-01T00:00:00.000+00:00')`).run();
    const insert = db.prepare(
      `INSERT INTO "DatasetRequest" ("datasetName", "liveDatasetName", "requestType", "sourceSystem", "ownerTeam", "contactEmail", "useCase", "keyFormat",
        "valueFormat", "ingestion", "updateFrequency", "estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions",
        "dataClassification", "backupsEnabled", "backupRetentionDays", "priority", "priorityRank", "status", "requesterId", "completedAt")
       VALUES (@name, @live, @type, @source, 'payments', 'p@example.com', 'Balances by account for checkout.', 'STRING', 'JSON', 'ONLINE_WRITES',
        'DAILY', 12.5, 9007199254740993, 100, 10, 20, 'us-east-1,eu-west-1', 'PII', 1, 30, 'LOW', 0, @status, 'u1', @completedAt)`,
    );
    const at = "2026-10-02T03:04:05.000+00:00";
    insert.run({ name: "done_new", live: "done_new", type: "NEW", source: null, status: "COMPLETED", completedAt: at });
    insert.run({ name: "done_migration", live: "done_migration", type: "MIGRATION", source: "REDIS", status: "COMPLETED", completedAt: at });
    insert.run({ name: "open_new", live: "open_new", type: "NEW", source: null, status: "PROVISIONING", completedAt: null });
    insert.run({ name: "done_change", live: "done_change", type: "CHANGE", source: null, status: "COMPLETED", completedAt: at });
    insert.run({ name: "done_new", live: null, type: "NEW", source: null, status: "CANCELLED", completedAt: null });

    db.exec(sql(NEW));

    const datasets = db
      .prepare(
        `SELECT "name", "liveName", "status", "originRequestNumber", "requestType", "sourceSystem", "regions", "dataClassification",
        "backupRetentionDays", CAST("estimatedKeyCount" AS TEXT) AS "keys", "createdAt" FROM "Dataset" ORDER BY "id"`,
      )
      .all();
    expect(datasets).toEqual([
      {
        name: "done_new",
        liveName: "done_new",
        status: "LIVE",
        originRequestNumber: 1,
        requestType: "NEW",
        sourceSystem: null,
        regions: "us-east-1,eu-west-1",
        dataClassification: "PII",
        backupRetentionDays: 30,
        keys: "9007199254740993",
        createdAt: at,
      },
      {
        name: "done_migration",
        liveName: "done_migration",
        status: "LIVE",
        originRequestNumber: 2,
        requestType: "MIGRATION",
        sourceSystem: "REDIS",
        regions: "us-east-1,eu-west-1",
        dataClassification: "PII",
        backupRetentionDays: 30,
        keys: "9007199254740993",
        createdAt: at,
      },
    ]);
    expect(db.prepare(`SELECT COUNT(*) FROM "DatasetRequest" WHERE "openAmendment" IS NOT NULL`).pluck().get()).toBe(0);
    // A live dataset's name stays unique.
    expect(() =>
      db
        .prepare(
          `INSERT INTO "Dataset" ("name", "liveName", "originRequestNumber", "requestType", "ownerTeam", "contactEmail", "useCase", "keyFormat", "valueFormat", "ingestion", "updateFrequency", "estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions", "dataClassification", "backupsEnabled") SELECT "name", "liveName", 99, "requestType", "ownerTeam", "contactEmail", "useCase", "keyFormat", "valueFormat", "ingestion", "updateFrequency", "estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions", "dataClassification", "backupsEnabled" FROM "Dataset" WHERE "id" = 1`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});
