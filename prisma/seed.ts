// Demo data: the demo users of PRODUCT.md and a realistic, deterministic set of
// requests in every status and type, spread over the past year.
//
//   npm run seed                     500 requests (seed 42)
//   npm run seed -- --count 1000000  any size: rows go in by multi-row INSERTs,
//                                    10,000 per transaction (about 10 s per 100,000 rows)
//
// On SQLite (DATABASE_URL=file:…) or PostgreSQL (postgresql://…): the SQL is written once
// (lib/db/sql); what differs in loading each (SeedTarget) is below.
//   npm run seed -- --if-empty       do nothing when requests exist (used by `npm run demo`)
//   npm run seed -- --seed 7 --anchor 2026-11-01   another data set / a fixed "today"
//
// Demo password for every seeded user: kvstore-demo. Seeded data only; never used in
// production configuration.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { faker } from "@faker-js/faker";
import { hashPassword } from "better-auth/crypto";
import { createPrismaClient, SQLITE_PRAGMAS } from "../lib/db/create-prisma-client";
import { databaseKind } from "../lib/db/database-kind";
import { sqliteDateTime } from "../lib/db/sqlite-datetime";
import pg from "pg";
import { postgresPoolConfig } from "../lib/db/postgres";
import { postgresDialect, sqliteDialect, type Dialect } from "../lib/db/sql/dialect";
import { runOnPostgres } from "../lib/db/sql/postgres-driver";
import { count, driveOnSqlite, rows, run, type Read } from "../lib/db/sql/reads";
import { insertRows } from "../lib/db/sql/insert-rows";
import {
  DATA_CLASSIFICATIONS,
  KEY_FORMATS,
  MIGRATION_CHECKLIST,
  PRIORITIES,
  PRIORITY_RANK,
  REGIONS,
  RELEASED_STATUSES,
  STATUS_RANK,
  UPDATE_FREQUENCIES,
  type RequestStatus,
  type RequestType,
  SOURCE_SYSTEMS,
} from "../lib/domain/requests/options";
import { findTransition } from "../lib/domain/requests/workflow";
import { DATASET_METADATA_FIELDS } from "../lib/domain/datasets/options";
import { assigneeColumns } from "../lib/data/requests/assignee-columns";
import { REQUEST_STORED_COLUMNS } from "../lib/data/requests/stored-columns";

export const DEMO_PASSWORD = "kvstore-demo";

export const DEMO_USERS = [
  { id: "user_alice", name: "Alice Chen", email: "alice@example.com", role: "REQUESTER", team: "payments" },
  { id: "user_bob", name: "Bob Okafor", email: "bob@example.com", role: "REQUESTER", team: "search" },
  { id: "user_admin", name: "Dana Admin", email: "admin@example.com", role: "ADMIN", team: "storage" },
  { id: "user_ops", name: "Omar Ops", email: "ops@example.com", role: "ADMIN", team: "storage" },
] as const;

const TEAMS = [
  "payments",
  "search",
  "ads-ranking",
  "growth",
  "identity",
  "feeds",
  "messaging",
  "fraud",
  "maps",
  "notifications",
  "ml-platform",
  "data-platform",
];
const NOUNS = [
  "user_profiles",
  "click_events",
  "embeddings",
  "features",
  "sessions",
  "counters",
  "recommendations",
  "ad_impressions",
  "search_index",
  "geo_tiles",
  "risk_scores",
  "message_threads",
  "notification_prefs",
  "item_catalog",
  "price_history",
  "device_tokens",
];
const PURPOSES = [
  "to serve online lookups from the product backend",
  "for the ranking service to read features at request time",
  "so the mobile API can fetch it with single-digit millisecond latency",
  "as a cache in front of the warehouse for the dashboard",
  "to replace a nightly export that consumers read from object storage",
  "for fraud checks on the checkout path",
];

// Final status by weight; old requests are mostly finished.
const RECENT_STATUSES: [RequestStatus, number][] = [
  ["SUBMITTED", 20],
  ["IN_REVIEW", 16],
  ["NEEDS_INFO", 8],
  ["APPROVED", 8],
  ["PROVISIONING", 6],
  ["COMPLETED", 30],
  ["REJECTED", 6],
  ["CANCELLED", 6],
];
const OLD_STATUSES: [RequestStatus, number][] = [
  ["SUBMITTED", 2],
  ["IN_REVIEW", 2],
  ["NEEDS_INFO", 2],
  ["APPROVED", 1],
  ["PROVISIONING", 1],
  ["COMPLETED", 76],
  ["REJECTED", 8],
  ["CANCELLED", 8],
];

/** A plausible path through the workflow (lib/domain/requests/workflow.ts) ending at `end`. */
function pathTo(end: RequestStatus): RequestStatus[] {
  const askedForInfo = faker.datatype.boolean({ probability: 0.2 });
  const review: RequestStatus[] = askedForInfo ? ["IN_REVIEW", "NEEDS_INFO", "IN_REVIEW"] : ["IN_REVIEW"];
  switch (end) {
    case "SUBMITTED":
      return ["SUBMITTED"];
    case "IN_REVIEW":
      return ["SUBMITTED", ...review];
    case "NEEDS_INFO":
      return ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO"];
    case "APPROVED":
      return ["SUBMITTED", ...review, "APPROVED"];
    case "PROVISIONING":
      return ["SUBMITTED", ...review, "APPROVED", "PROVISIONING"];
    case "COMPLETED":
      return ["SUBMITTED", ...review, "APPROVED", "PROVISIONING", "COMPLETED"];
    case "REJECTED":
      return ["SUBMITTED", ...review, "REJECTED"];
    case "CANCELLED":
      return faker.datatype.boolean() ? ["SUBMITTED", "CANCELLED"] : ["SUBMITTED", ...review, "CANCELLED"];
  }
}

function weighted<T>(pairs: [T, number][]): T {
  return faker.helpers.weightedArrayElement(pairs.map(([value, weight]) => ({ value, weight })));
}

type Args = { count: number; seed: number; anchor: Date; ifEmpty: boolean };

function readArgs(): Args {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "500" },
      seed: { type: "string", default: "42" },
      anchor: { type: "string" },
      "if-empty": { type: "boolean", default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 0) throw new Error("--count must be a whole number ≥ 0");
  if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");
  const today = new Date();
  const anchor = values.anchor ? new Date(`${values.anchor}T00:00:00Z`) : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  if (Number.isNaN(anchor.getTime())) throw new Error("--anchor must be a date, YYYY-MM-DD");
  return { count, seed, anchor, ifEmpty: values["if-empty"] };
}

async function main() {
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  const databaseUrl = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
  const args = readArgs();
  const db = createPrismaClient(databaseUrl);
  try {
    const existing = await db.datasetRequest.count();
    if (args.ifEmpty && existing > 0) {
      console.log(`seed: ${existing} requests already present; nothing to do (--if-empty)`);
      return;
    }
    faker.seed(args.seed);
    const started = Date.now();
    const users = await seedUsers(db);
    const made = await seedRequests(databaseUrl, users, args);
    console.log(
      `seed: ${users.requesters.length + users.admins.length} users, ${made} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${args.seed})`,
    );
  } finally {
    await db.$disconnect();
  }
}

type SeedUsers = { requesters: { id: string; team: string }[]; admins: { id: string; name: string }[] };

async function seedUsers(db: ReturnType<typeof createPrismaClient>): Promise<SeedUsers> {
  // One scrypt hash serves every demo account: same password, and hashing is slow.
  const password = await hashPassword(DEMO_PASSWORD);
  const fakes = Array.from({ length: 24 }, (_, i) => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    return {
      id: `user_${i + 1}`,
      name: `${first} ${last}`,
      email: faker.internet.email({ firstName: first, lastName: last, provider: "example.com" }).toLowerCase(),
      role: "REQUESTER",
      team: TEAMS[i % TEAMS.length]!,
    };
  });
  const all = [...DEMO_USERS, ...fakes];
  for (const u of all) {
    await db.user.upsert({
      where: { id: u.id },
      update: { name: u.name, role: u.role, team: u.team },
      create: { ...u, emailVerified: true },
    });
    await db.account.upsert({
      where: { id: `acct_${u.id}` },
      update: { password },
      create: { id: `acct_${u.id}`, accountId: u.id, providerId: "credential", userId: u.id, password },
    });
  }
  return {
    requesters: all.filter((u) => u.role === "REQUESTER").map((u) => ({ id: u.id, team: u.team })),
    admins: all.filter((u) => u.role === "ADMIN").map((u) => ({ id: u.id, name: u.name })),
  };
}

const DAY = 86_400_000;
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** Rows per transaction: big enough that commits cost nothing, small enough to show progress. */
const BATCH = 10_000;

type RequestRow = Record<string, string | number | bigint | boolean | Date | null>;
type EventRow = {
  requestNumber: number;
  actorId: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  field: string | null;
  newValue: string | null;
  note: string | null;
  createdAt: Date;
};

const EVENT_COLUMNS = ["requestNumber", "actorId", "kind", "fromStatus", "toStatus", "field", "newValue", "note", "createdAt"];

/**
 * Where the rows go. The statements are the same for both databases; loading differs:
 * SQLite fills its full-text index per batch and merges it at the end, PostgreSQL keeps
 * its trigram indexes itself and needs its sequences moved past the seeded numbers.
 */
type SeedTarget = {
  /** One transaction. */
  write<T>(write: (dialect: Dialect) => Read<T>): Promise<T>;
  /** One transaction of requests numbered first…last and their events. */
  batch(first: number, last: number, write: (dialect: Dialect) => Read<void>): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
};

function sqliteTarget(databaseUrl: string): SeedTarget {
  const sqlite = new Database(databaseUrl.replace(/^file:/, ""));
  sqlite.exec(SQLITE_PRAGMAS);
  // A big page cache keeps the indexes being filled in memory.
  sqlite.pragma("cache_size = -262144");
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => statements.get(sql) ?? statements.set(sql, sqlite.prepare(sql)).get(sql)!;
  const drive = <T>(write: (dialect: Dialect) => Read<T>) => driveOnSqlite(prepare, write(sqliteDialect));
  // The full-text index (RequestSearch) is filled per batch in one statement rather than
  // row by row by its trigger: a third of the time for the same index. The trigger is
  // dropped and re-created inside each batch's transaction, so it is never missing
  // outside one.
  const searchTrigger = sqlite.prepare(`SELECT "sql" FROM "sqlite_schema" WHERE "type" = 'trigger' AND "name" = 'RequestSearch_insert'`).pluck().get() as
    string | undefined;
  let indexed = false;
  return {
    write: async (write) => sqlite.transaction(() => drive(write))(),
    batch: async (first, last, write) =>
      sqlite.transaction(() => {
        if (searchTrigger) sqlite.exec(`DROP TRIGGER "RequestSearch_insert"`);
        drive(write);
        if (searchTrigger) {
          prepare(
            `INSERT INTO "RequestSearch" ("rowid", "datasetName", "ownerTeam", "useCase")
             SELECT "number", "datasetName", "ownerTeam", "useCase" FROM "DatasetRequest" WHERE "number" BETWEEN ? AND ?`,
          ).run(first, last);
          sqlite.exec(searchTrigger);
          indexed = true;
        }
      })(),
    // Merge the full-text index's segments (one per batch) into one: a search then reads
    // one b-tree per trigram instead of dozens (3x faster at 100,000 rows).
    finish: async () => {
      if (indexed) sqlite.exec(`INSERT INTO "RequestSearch" ("RequestSearch") VALUES ('optimize')`);
    },
    close: async () => {
      sqlite.pragma("optimize");
      sqlite.close();
    },
  };
}

/** Tables whose SERIAL the seed writes explicit ids into. */
const SEEDED_SERIALS = [["DatasetRequest", "number"]] as const;

function postgresTarget(databaseUrl: string): SeedTarget {
  // The app's settings, but no statement timeout: a batch job, whose single statements
  // (the datasets made from 500,000 requests, with their trigram indexes) take longer.
  const pool = new pg.Pool({ ...postgresPoolConfig(databaseUrl), max: 1, statement_timeout: 0 });
  const write = <T>(w: (dialect: Dialect) => Read<T>) => runOnPostgres(pool, () => w(postgresDialect), { writes: true });
  // Bulk load: the big tables' secondary indexes (sorts, filters, trigram GIN) are dropped
  // before the first batch and built once at the end, which is several times faster than
  // keeping them row by row. Unique indexes stay, so the rules they hold are checked as
  // rows go in. A seed fills a new database; one that fails is re-run on a fresh one.
  let dropped: { name: string; definition: string }[] | null = null;
  return {
    write,
    batch: async (_first, _last, w) => {
      dropped ??= await write(function* () {
        const found = yield* rows<{ name: string; definition: string }>(
          `SELECT quote_ident(c.relname) AS "name", pg_get_indexdef(i.indexrelid) AS "definition"
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           WHERE t.relname IN ('DatasetRequest', 'RequestEvent') AND NOT i.indisunique AND NOT i.indisprimary
             AND t.relnamespace = current_schema()::regnamespace`,
        );
        for (const index of found) yield* run(`DROP INDEX ${index.name}`);
        return found;
      });
      await write(w);
    },
    finish: async () => {
      const client = await pool.connect();
      try {
        await client.query("SET maintenance_work_mem = '512MB'");
        for (const index of dropped ?? []) await client.query(index.definition);
      } finally {
        client.release();
      }
      await write(function* () {
        for (const [table, column] of SEEDED_SERIALS) {
          yield* rows(`SELECT setval(pg_get_serial_sequence('"${table}"', '${column}'), GREATEST(1, (SELECT COALESCE(MAX("${column}"), 0) FROM "${table}")))`);
        }
      });
      // Fresh statistics for the planner, as SQLite's "optimize" on close.
      await pool.query("ANALYZE");
    },
    close: () => pool.end(),
  };
}

/**
 * Requests and their history go in by multi-row INSERTs, a transaction per BATCH rows:
 * 1,000,000 requests take minutes, where Prisma's createMany (per-row parameter
 * marshalling, 500-row statements) took hours. Generation is unchanged, so a seed still
 * gives the same data.
 */
async function seedRequests(databaseUrl: string, users: SeedUsers, args: Args) {
  const target = databaseKind(databaseUrl) === "postgres" ? postgresTarget(databaseUrl) : sqliteTarget(databaseUrl);
  try {
    const made = await insertRequests(target, users, args);
    await target.write((dialect) => seedDatasets(dialect, users));
    await target.finish();
    return made;
  } finally {
    await target.close();
  }
}

async function insertRequests(target: SeedTarget, users: SeedUsers, args: Args) {
  const { taken, maxNumber } = await target.write(function* () {
    return {
      taken: new Set(
        (yield* rows<{ datasetName: string }>(`SELECT "datasetName" FROM "DatasetRequest" WHERE "liveDatasetName" IS NOT NULL`)).map((r) => r.datasetName),
      ),
      maxNumber: yield* count(`SELECT COALESCE(MAX("number"), 0) FROM "DatasetRequest"`),
    };
  });
  const nameCounts = new Map<string, number>();
  let made = 0;
  // Ages skew recent (half the requests are from the last ~7 weeks) and are sorted
  // oldest first, so request numbers rise with time as they would in real life.
  const ageMs = Float64Array.from({ length: args.count }, () => 365 * DAY * Math.pow(faker.number.float({ min: 0, max: 1 }), 2))
    .sort()
    .reverse();

  for (let start = 0; start < args.count; start += BATCH) {
    const requests: RequestRow[] = [];
    const events: EventRow[] = [];
    for (let i = start; i < Math.min(start + BATCH, args.count); i++) {
      const number = maxNumber + i + 1;
      const requester = i % 20 === 0 ? users.requesters[0]! : i % 20 === 1 ? users.requesters[1]! : faker.helpers.arrayElement(users.requesters);
      const ageDays = Math.floor(ageMs[i]! / DAY);
      const createdAt = new Date(args.anchor.getTime() - ageMs[i]!);
      const status = weighted(ageDays > 45 ? OLD_STATUSES : RECENT_STATUSES);
      const path = pathTo(status);
      const type = weighted<RequestType>([
        ["NEW", 55],
        ["MIGRATION", 35],
        ["CHANGE", 10],
      ]);

      let base = `${requester.team.replace(/-/g, "_")}_${faker.helpers.arrayElement(NOUNS)}`;
      const seen = (nameCounts.get(base) ?? 0) + 1;
      nameCounts.set(base, seen);
      if (seen > 1) base = `${base}_v${seen}`;
      while (taken.has(base)) base = `${base}_x`;
      const released = RELEASED_STATUSES.includes(status);
      if (!released) taken.add(base);

      // One event per step, each a little after the one before, never after "today".
      const span = Math.max(1, Math.min(ageDays, 30)) * DAY;
      let at = createdAt.getTime();
      const assignee = path.length > 1 ? faker.helpers.arrayElement(users.admins) : null;
      // Migrations being provisioned have ticked the first steps of their checklist;
      // completed ones all of them (ticked by the assignee, before the COMPLETED step).
      const checklistDone =
        type !== "MIGRATION" ? 0 : status === "COMPLETED" ? MIGRATION_CHECKLIST.length : status === "PROVISIONING" ? faker.number.int({ min: 0, max: 3 }) : 0;
      let version = 1;
      path.forEach((to, step) => {
        if (step > 0) at = Math.min(args.anchor.getTime() - 1000, at + faker.number.int({ min: 60_000, max: span / path.length }));
        const from = step > 0 ? path[step - 1]! : null;
        const transition = from ? findTransition(from, to) : undefined;
        if (from && !transition) throw new Error(`seed path has an illegal step ${from} → ${to}`);
        const actor =
          step === 0 || (to === "CANCELLED" && faker.datatype.boolean()) || (from === "NEEDS_INFO" && to === "IN_REVIEW") ? requester.id : assignee!.id;
        const event = (e: Partial<EventRow> & Pick<EventRow, "actorId" | "kind">) => {
          events.push({
            requestNumber: number,
            fromStatus: null,
            toStatus: null,
            field: null,
            newValue: null,
            note: null,
            createdAt: new Date(at),
            ...e,
          });
          if (step > 0) version++;
        };
        // The reviewer takes the request, then moves it into review.
        if (step === 1 && assignee) event({ actorId: assignee.id, kind: "ASSIGNEE", newValue: assignee.name });
        // A completed migration's assignee ticked every checklist step before completing it.
        if (to === "COMPLETED")
          for (const item of MIGRATION_CHECKLIST.slice(0, checklistDone)) event({ actorId: assignee!.id, kind: "CHECKLIST", field: item, newValue: "done" });
        event({
          actorId: actor,
          kind: step === 0 ? "CREATED" : "STATUS",
          fromStatus: from,
          toStatus: to,
          note: transition?.noteRequired ? faker.helpers.arrayElement(NOTES[to as "REJECTED" | "NEEDS_INFO"]) : null,
        });
      });
      const statusAt = new Date(at);
      // One being provisioned has ticked its first steps since.
      if (status === "PROVISIONING") {
        for (const item of MIGRATION_CHECKLIST.slice(0, checklistDone)) {
          at = Math.min(args.anchor.getTime() - 1000, at + faker.number.int({ min: 60_000, max: 6 * 3_600_000 }));
          events.push({
            requestNumber: number,
            actorId: assignee!.id,
            kind: "CHECKLIST",
            fromStatus: null,
            toStatus: null,
            field: item,
            newValue: "done",
            note: null,
            createdAt: new Date(at),
          });
          version++;
        }
      }
      const lastAt = new Date(at);

      const valueFormat = faker.helpers.arrayElement(["STRING", "JSON", "THRIFT", "PROTOBUF", "BINARY"] as const);
      const ingestion = faker.helpers.weightedArrayElement([
        { value: "BATCH" as const, weight: 6 },
        { value: "STREAMING" as const, weight: 2 },
        { value: "ONLINE_WRITES" as const, weight: 2 },
      ]);
      const backupsEnabled = faker.datatype.boolean({ probability: 0.6 });
      const priority = weighted<(typeof PRIORITIES)[number]>([
        ["LOW", 20],
        ["MEDIUM", 50],
        ["HIGH", 22],
        ["URGENT", 8],
      ]);
      const sizeGb = Number(faker.number.float({ min: 0.5, max: 20_000, fractionDigits: 1 }).toFixed(1));
      requests.push({
        number,
        datasetName: base,
        liveDatasetName: released ? null : base,
        requestType: type,
        sourceSystem: type === "MIGRATION" ? faker.helpers.arrayElement(SOURCE_SYSTEMS) : null,
        ownerTeam: requester.team,
        contactEmail: `${requester.team}-oncall@example.com`,
        useCase: capitalize(`${faker.helpers.arrayElement(NOUNS).replace(/_/g, " ")} ${faker.helpers.arrayElement(PURPOSES)}. ${faker.company.catchPhrase()}.`),
        keyFormat: faker.helpers.arrayElement(KEY_FORMATS),
        keyExample: faker.datatype.boolean() ? `${faker.helpers.arrayElement(["user", "item", "ad", "doc"])}:${faker.number.int({ max: 9_999_999 })}` : null,
        valueFormat,
        valueSchema:
          valueFormat === "THRIFT" || valueFormat === "PROTOBUF"
            ? `${faker.word.noun({ length: { min: 4, max: 10 } }).replace(/^./, (c) => c.toUpperCase())}Record`
            : null,
        ingestion,
        sourceLocation:
          ingestion === "BATCH"
            ? faker.helpers.arrayElement([
                `s3://${requester.team}-exports/${base}/`,
                `gs://${requester.team}-data/${base}`,
                `hdfs://warehouse/${requester.team}/${base}`,
                `${requester.team.replace(/-/g, "_")}.${base}`,
              ])
            : null,
        updateFrequency:
          ingestion === "BATCH" ? faker.helpers.arrayElement(["ONCE", "HOURLY", "DAILY", "WEEKLY"] as const) : faker.helpers.arrayElement(UPDATE_FREQUENCIES),
        estimatedSizeGb: sizeGb,
        estimatedKeyCount: BigInt(Math.max(1, Math.round(sizeGb * faker.number.int({ min: 200_000, max: 5_000_000 })))),
        readQps: faker.helpers.arrayElement([0, 50, 200, 1_000, 5_000, 20_000, 80_000]),
        writeQps: faker.helpers.arrayElement([0, 10, 100, 500, 2_000, 10_000]),
        p99LatencyMs: faker.helpers.arrayElement([2, 5, 10, 20, 50, 100]),
        ttlDays: faker.datatype.boolean({ probability: 0.4 }) ? faker.helpers.arrayElement([7, 30, 90, 365]) : null,
        regions: faker.helpers.arrayElements(REGIONS, { min: 1, max: 3 }).join(","),
        dataClassification: faker.helpers.arrayElement(DATA_CLASSIFICATIONS),
        backupsEnabled,
        backupRetentionDays: backupsEnabled ? faker.helpers.arrayElement([7, 14, 30, 90]) : null,
        neededBy: faker.datatype.boolean({ probability: 0.3 }) ? new Date(createdAt.getTime() + 30 * DAY).toISOString().slice(0, 10) : null,
        priority,
        priorityRank: PRIORITY_RANK[priority],
        status,
        statusRank: STATUS_RANK[status],
        statusChangedAt: statusAt,
        requesterId: requester.id,
        ...assigneeColumns(assignee),
        checklist: MIGRATION_CHECKLIST.slice(0, checklistDone).join(","),
        version,
        createdAt,
        updatedAt: lastAt,
        completedAt: status === "COMPLETED" ? lastAt : null,
      });
    }
    await target.batch(requests[0]!.number as number, requests[requests.length - 1]!.number as number, function* (dialect) {
      yield* insertRows(dialect, "DatasetRequest", REQUEST_STORED_COLUMNS, requests);
      yield* insertRows(dialect, "RequestEvent", EVENT_COLUMNS, events);
    });
    made += requests.length;
    if (args.count >= 100_000 && made % 100_000 === 0) console.log(`seed: ${made}/${args.count}`);
  }
  return made;
}

/**
 * Datasets from the completed NEW and MIGRATION requests (as the datasets migration
 * does), then, deterministically: completed CHANGE requests retargeted at older datasets
 * and applied (their traffic figures, each a history line), provisioned facts and links
 * on every third live dataset, and one dataset decommissioned by a completed request.
 */
function* seedDatasets(dialect: Dialect, users: SeedUsers): Read<void> {
  const METADATA = DATASET_METADATA_FIELDS.map((f) => `"${f}"`).join(", ");
  yield* run(
    `INSERT INTO "Dataset" ("name", "liveName", "originRequestNumber", "requestType", "sourceSystem", ${METADATA}, "createdAt", "updatedAt")
     SELECT "datasetName", "datasetName", "number", "requestType", "sourceSystem", ${METADATA}, "completedAt", "completedAt" FROM "DatasetRequest"
     WHERE "status" = 'COMPLETED' AND "requestType" IN ('NEW', 'MIGRATION') AND "liveDatasetName" IS NOT NULL
       AND "number" NOT IN (SELECT "originRequestNumber" FROM "Dataset") ORDER BY "number"`,
  );
  // History lines, inserted together at the end in the order made (so with the same ids):
  // one statement per few thousand rather than a round trip each on PostgreSQL. Dates
  // come back as each database stores them (SQLite's text, PostgreSQL's Date) and go
  // back in as they came.
  const history: Record<string, unknown>[] = [];
  const change = (
    datasetId: number,
    field: string,
    oldValue: string | null,
    newValue: string,
    requestNumber: number | null,
    actorId: string,
    createdAt: unknown,
  ) => history.push({ datasetId, field, oldValue, newValue, requestNumber, actorId, createdAt });
  type Born = { id: number; name: string; originRequestNumber: number; actorId: string; createdAt: string | Date; readQps: number; writeQps: number };
  const born = yield* rows<Born>(
    `SELECT "d"."id", "d"."name", "d"."originRequestNumber", COALESCE("r"."assigneeId", "r"."requesterId") AS "actorId", "d"."createdAt", "d"."readQps", "d"."writeQps"
     FROM "Dataset" AS "d" JOIN "DatasetRequest" AS "r" ON "r"."number" = "d"."originRequestNumber"
     WHERE NOT EXISTS (SELECT 1 FROM "DatasetChange" AS "c" WHERE "c"."datasetId" = "d"."id") ORDER BY "d"."id"`,
  );
  for (const d of born) change(d.id, "status", null, "LIVE", d.originRequestNumber, d.actorId, d.createdAt);

  // Completed CHANGE requests: each amends the oldest dataset born before it that no change touched yet.
  type Change = { number: number; actorId: string; completedAt: string | Date; readQps: number; writeQps: number };
  const changes = yield* rows<Change>(
    `SELECT "number", COALESCE("assigneeId", "requesterId") AS "actorId", "completedAt", "readQps", "writeQps" FROM "DatasetRequest"
     WHERE "requestType" = 'CHANGE' AND "status" = 'COMPLETED' ORDER BY "number"`,
  );
  const used = new Set<number>();
  let decommissioned = false;
  for (const c of changes) {
    const d = born.find((b) => !used.has(b.id) && b.originRequestNumber < c.number && b.createdAt < c.completedAt);
    if (!d) continue;
    used.add(d.id);
    yield* run(
      `UPDATE "DatasetRequest" SET ("datasetName", "liveDatasetName", ${METADATA}) = (SELECT "name", NULL, ${METADATA} FROM "Dataset" WHERE "id" = ?) WHERE "number" = ?`,
      [d.id, c.number],
    );
    if (!decommissioned) {
      // The first becomes a decommission: the dataset keeps its page, its name is free.
      decommissioned = true;
      yield* run(`UPDATE "DatasetRequest" SET "requestType" = 'DECOMMISSION' WHERE "number" = ?`, [c.number]);
      yield* run(`UPDATE "Dataset" SET "status" = 'DECOMMISSIONED', "liveName" = NULL, "decommissionedAt" = ?, "updatedAt" = ? WHERE "id" = ?`, [
        c.completedAt,
        c.completedAt,
        d.id,
      ]);
      yield* run(`UPDATE "DatasetRequest" SET "liveDatasetName" = NULL WHERE "liveDatasetName" = ?`, [d.name]);
      change(d.id, "status", "LIVE", "DECOMMISSIONED", c.number, c.actorId, c.completedAt);
      continue;
    }
    const readQps = c.readQps === d.readQps ? d.readQps * 2 || 100 : c.readQps;
    yield* run(`UPDATE "DatasetRequest" SET "readQps" = ?, "writeQps" = ? WHERE "number" = ?`, [readQps, c.writeQps, c.number]);
    yield* run(`UPDATE "Dataset" SET "readQps" = ?, "writeQps" = ?, "updatedAt" = ? WHERE "id" = ?`, [readQps, c.writeQps, c.completedAt, d.id]);
    change(d.id, "readQps", String(d.readQps), String(readQps), c.number, c.actorId, c.completedAt);
    if (c.writeQps !== d.writeQps) change(d.id, "writeQps", String(d.writeQps), String(c.writeQps), c.number, c.actorId, c.completedAt);
  }

  // Provisioned facts and links on every third live dataset, set by an admin's tooling.
  const live = yield* rows<{ id: number; name: string; ownerTeam: string; estimatedSizeGb: number; readQps: number; createdAt: string | Date }>(
    `SELECT "id", "name", "ownerTeam", "estimatedSizeGb", "readQps", "createdAt" FROM "Dataset" WHERE "status" = 'LIVE' ORDER BY "id"`,
  );
  const admin = users.admins[users.admins.length - 1]!;
  for (const [i, d] of live.entries()) {
    if (i % 3 !== 0) continue;
    const region = ["use1", "usw2", "euw1", "apse1"][i % 4]!;
    const cluster = `kv-${region}-${(i % 7) + 1}`;
    const facts = {
      cluster,
      namespace: d.name,
      endpoint: `${cluster}.kv.internal:7000`,
      actualSizeGb: Number((d.estimatedSizeGb * (0.6 + (i % 5) / 10)).toFixed(1)),
      peakQps: Math.round(d.readQps * 0.8),
      provisionedAt: d.createdAt,
      onCall: `${d.ownerTeam}-oncall`,
      runbookUrl: `https://wiki.example.com/runbooks/${d.name}`,
      dashboardUrl: `https://grafana.example.com/d/kvstore?var-dataset=${d.name}`,
    };
    yield* run(
      `UPDATE "Dataset" SET "cluster" = ?, "namespace" = ?, "endpoint" = ?, "actualSizeGb" = ?, "peakQps" = ?,
         "provisionedAt" = ?, "onCall" = ?, "runbookUrl" = ?, "dashboardUrl" = ? WHERE "id" = ?`,
      [...Object.values(facts), d.id],
    );
    // The history shows each value as text; a date in one form whichever database it came from.
    for (const [field, value] of Object.entries(facts)) {
      change(d.id, field, null, value instanceof Date ? sqliteDateTime(value) : String(value), null, admin.id, d.createdAt);
    }
  }
  yield* insertRows(dialect, "DatasetChange", ["datasetId", "field", "oldValue", "newValue", "requestNumber", "actorId", "createdAt"], history);
}

const NOTES = {
  REJECTED: [
    "This belongs in the warehouse, not a key-value store: nothing reads it by key.",
    "Duplicates an existing dataset; please reuse it.",
    "Size and QPS are beyond what the service supports for one dataset.",
  ],
  NEEDS_INFO: [
    "What is the expected read pattern: point lookups or scans?",
    "Please add the Thrift struct name and an example key.",
    "Can you confirm the source table and how often it refreshes?",
  ],
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
