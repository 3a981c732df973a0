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
