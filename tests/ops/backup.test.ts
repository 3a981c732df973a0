/** @jest-environment node */
// npm run backup / restore (scripts/db-backup.mjs) as the operator runs them: child
// processes against temporary copies of the migrated template database. Their argument
// handling, exit codes (0 done, 1 refused, 2 usage) and every refusal, which must leave
// the files as they were.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { TEMPLATE_DB, TEST_TMP_DIR } from "../setup/paths";

const SCRIPT = path.join(__dirname, "..", "..", "scripts", "db-backup.mjs");
const dir = path.join(TEST_TMP_DIR, `backup-${process.pid}`);

function run(args: string[], databaseFile: string) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    cwd: dir, // no .env here: DATABASE_URL is the only source
    encoding: "utf8",
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/** A migrated database with one user and one request (so data can be seen to travel). */
function makeDatabase(name: string, requestName = "orders_by_id") {
  const file = path.join(dir, name);
  copyFileSync(TEMPLATE_DB, file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.prepare(
    `INSERT INTO "user" (id, name, email, emailVerified, role, team, createdAt, updatedAt) VALUES ('u1', 'Alice', 'alice@example.com', 1, 'requester', 'payments', 0, 0)`,
  ).run();
  db.prepare(
    `INSERT INTO "DatasetRequest" ("datasetName", "requestType", "status", "requesterId", "ownerTeam", "contactEmail", "useCase", "keyFormat", "valueFormat",
      "ingestion", "updateFrequency", "estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions", "dataClassification",
      "backupsEnabled", "priority", "priorityRank", "createdAt", "updatedAt")
     VALUES (?, 'NEW', 'SUBMITTED', 'u1', 'payments', 'a@example.com', 'use', 'STRING', 'JSON', 'ONLINE_WRITES', 'REALTIME', 1, '1000', 1, 1, 10, '["us-east-1"]', 'INTERNAL', 0, 'MEDIUM', 2, 0, 0)`,
  ).run(requestName);
  db.close();
  return file;
}

function requestNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT "datasetName" FROM "DatasetRequest" ORDER BY "number"').pluck().all() as string[];
  } finally {
    db.close();
  }
}

const leftovers = () => readdirSync(dir).filter((f) => /\.(partial|restoring)-\d+$/.test(f));

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("usage (exit 2)", () => {
  it.each([
    [[]],
    [["dump"]],
    [["backup"]],
    [["backup", "--out"]],
    [["backup", "--out", "x.sqlite", "--from", "y.sqlite"]],
    [["restore"]],
    [["restore", "--from", "x.sqlite", "--out", "y"]],
    [["restore", "--from", "x.sqlite", "--yes"]],
  ])("%j", (args) => {
    const { code, out } = run(args, path.join(dir, "none.db"));
    expect(code).toBe(2);
    expect(out).toMatch(/usage:/);
  });

  it("--help prints the usage and exits 0", () => {
    const { code, out } = run(["backup", "--help"], path.join(dir, "none.db"));
    expect(code).toBe(0);
    expect(out).toMatch(/npm run restore -- --from <file>/);
  });
});

describe("backup", () => {
  it("writes a checked, self-contained copy and reports it", () => {
    const source = makeDatabase("app.db");
    const out = path.join(dir, "copy.sqlite");
    const result = run(["backup", "--out", out], source);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/1 requests, .*integrity ok/);
    expect(requestNames(out)).toEqual(["orders_by_id"]);
    const db = new Database(out, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("delete"); // no -wal needed beside it
    db.close();
    expect(leftovers()).toEqual([]);
  });

  it("refuses to overwrite an existing file without --force, and replaces it with --force", () => {
    const source = makeDatabase("app.db");
    const out = path.join(dir, "copy.sqlite");
    writeFileSync(out, "an older backup");
    const refused = run(["backup", "--out", out], source);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/exists: .*--force/);
    expect(readFileSync(out, "utf8")).toBe("an older backup");
    expect(leftovers()).toEqual([]);

    expect(run(["backup", "--out", out, "--force"], source).code).toBe(0);
    expect(requestNames(out)).toEqual(["orders_by_id"]);
  });

  it("refuses a missing database and a missing folder", () => {
    expect(run(["backup", "--out", path.join(dir, "a.sqlite")], path.join(dir, "missing.db"))).toMatchObject({
      code: 1,
      out: expect.stringMatching(/no database/),
    });
    const source = makeDatabase("app.db");
    expect(run(["backup", "--out", path.join(dir, "no", "a.sqlite")], source)).toMatchObject({ code: 1, out: expect.stringMatching(/does not exist/) });
  });

  it("on PostgreSQL, refuses a server it cannot reach without printing the password (scripts/reliability/backup-restore.mjs --db postgres runs the real thing)", () => {
    const result = spawnSync(process.execPath, [SCRIPT, "backup", "--out", path.join(dir, "pg.dump")], {
      env: { ...process.env, DATABASE_URL: "postgresql://kv:secret@127.0.0.1:1/kv" },
      cwd: dir,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/backup refused: cannot connect to kv/);
    expect(result.stderr).not.toMatch(/secret/);
    expect(existsSync(path.join(dir, "pg.dump"))).toBe(false);
  });
});

describe("restore", () => {
  function backupOf(name = "orders_by_id") {
    const source = makeDatabase(`src-${name}.db`, name);
    const out = path.join(dir, `${name}.sqlite`);
    expect(run(["backup", "--out", out], source).code).toBe(0);
    return out;
  }

  it("restores into a fresh path", () => {
    const backup = backupOf();
    const target = path.join(dir, "restored.db");
    const result = run(["restore", "--from", backup], target);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/migrations: up to date/);
    expect(result.out).toMatch(/start the app/);
    expect(requestNames(target)).toEqual(["orders_by_id"]);
    expect(leftovers()).toEqual([]);
  });

  it("refuses to overwrite an existing database without --force; with it, replaces it and removes its stale -wal and -shm", () => {
    const backup = backupOf();
    const target = makeDatabase("live.db", "live_data");
    // A WAL left by a crashed app (a WAL holds pages of *that* database only).
    writeFileSync(`${target}-wal`, "stale");
    writeFileSync(`${target}-shm`, "stale");
    const refused = run(["restore", "--from", backup], target);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/exists: pass --force/);
    expect(readFileSync(`${target}-wal`, "utf8")).toBe("stale");

    const result = run(["restore", "--from", backup, "--force"], target);
    expect(result.code).toBe(0);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(existsSync(`${target}-shm`)).toBe(false);
    expect(requestNames(target)).toEqual(["orders_by_id"]);
  });

  it("refuses while the database is open (the app running), and restores once it is closed", () => {
    const backup = backupOf();
    const target = makeDatabase("live.db", "live_data");
    const app = new Database(target);
    app.pragma("journal_mode = WAL");
    app.prepare('SELECT COUNT(*) FROM "DatasetRequest"').get();
    try {
      const refused = run(["restore", "--from", backup, "--force"], target);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/in use .*stop the app/);
      expect(app.prepare('SELECT "datasetName" FROM "DatasetRequest"').pluck().all() as string[]).toEqual(["live_data"]);
    } finally {
      app.close();
    }
    expect(leftovers()).toEqual([]);
    expect(run(["restore", "--from", backup, "--force"], target).code).toBe(0);
    expect(requestNames(target)).toEqual(["orders_by_id"]);
  });

  it.each([
    ["a file that is not a database", () => writeFileSync(path.join(dir, "bad.sqlite"), "id,name\n1,orders\n"), /not a SQLite database/],
    [
      "a truncated backup",
      (backup: string) => writeFileSync(path.join(dir, "bad.sqlite"), readFileSync(backup).subarray(0, Math.floor(statSync(backup).size / 2))),
      /truncated|cannot be read|integrity/,
    ],
    [
      "a SQLite database of another app",
      () => {
        const db = new Database(path.join(dir, "bad.sqlite"));
        db.exec("CREATE TABLE things (id INTEGER PRIMARY KEY)");
        db.close();
      },
      /not a database of this app: no table _prisma_migrations, user/,
    ],
  ])("refuses %s and leaves the target as it was", (_what, make, message) => {
    const backup = backupOf();
    make(backup);
    const target = makeDatabase("live.db", "live_data");
    const result = run(["restore", "--from", path.join(dir, "bad.sqlite"), "--force"], target);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(message);
    expect(requestNames(target)).toEqual(["live_data"]);
    expect(leftovers()).toEqual([]);
  });

  it("refuses a missing backup and a folder", () => {
    const target = path.join(dir, "restored.db");
    expect(run(["restore", "--from", path.join(dir, "nope.sqlite")], target)).toMatchObject({ code: 1, out: expect.stringMatching(/no backup/) });
    expect(run(["restore", "--from", dir], target)).toMatchObject({ code: 1, out: expect.stringMatching(/not a file/) });
    expect(existsSync(target)).toBe(false);
  });

  it("tells the operator to migrate when the backup is older than the code", () => {
    const backup = backupOf();
    const db = new Database(backup);
    const latest = db.prepare("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").pluck().get() as string;
    db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(latest);
    db.close();
    const result = run(["restore", "--from", backup], path.join(dir, "restored.db"));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`1 pending \\(${latest}\\): run \`npm run db:migrate\``));
  });
});
