// One request with its people, history and comments, read by plain SQL as one read
// (lib/db/sql/reads.ts: SQLite's prepared statements, or PostgreSQL): the same
// RequestDetail as toDetail() over Prisma's findUnique with detailInclude, without
// Prisma compiling five queries per call (the request page ran at 3 % of the bare
// limit through Prisma, BENCHMARKS.md).
import "server-only";
import type Database from "better-sqlite3";
import { toDetail } from "@/lib/data/requests/request-dto";
import { fromRequestRow, requestColumns, storedDate, storedDateOrNull } from "@/lib/data/requests/request-row";
import type { RequestDetail } from "@/lib/schemas/request";
import { RELEASED_STATUSES } from "@/lib/domain/requests/options";
import { readDatabase } from "@/lib/db/sql/database";
import { prepare } from "@/lib/db/sql/statements";
import { row as readRow, rows as readRows, runOnSqlite, type Read } from "@/lib/db/sql/reads";

type UserRef = { id: string; name: string; email: string };
type Row = Record<string, unknown> & { number: number; requesterId: string; assigneeId: string | null };

const COLUMNS = requestColumns(`"DatasetRequest"`);
const USER = `SELECT "id", "name", "email" FROM "user" WHERE "id" = ?`;

/** The row and its relations as Prisma's include would give them, then toDetail(). */
function* detail(row: Row | undefined): Read<RequestDetail | null> {
  if (!row) return null;
  const events = yield* readRows<Record<string, unknown>>(
    `SELECT "e".*, "u"."name" AS "actorName", "u"."email" AS "actorEmail"
     FROM "RequestEvent" AS "e" JOIN "user" AS "u" ON "u"."id" = "e"."actorId" WHERE "e"."requestNumber" = ? ORDER BY "e"."id" ASC`,
    [row.number],
  );
  const comments = yield* readRows<Record<string, unknown>>(
    `SELECT "c".*, "u"."name" AS "authorName", "u"."email" AS "authorEmail"
     FROM "Comment" AS "c" JOIN "user" AS "u" ON "u"."id" = "c"."authorId" WHERE "c"."requestNumber" = ? ORDER BY "c"."id" ASC`,
    [row.number],
  );
  const requester = (yield* readRow<UserRef>(USER, [row.requesterId]))!;
  const assignee = row.assigneeId === null ? null : ((yield* readRow<UserRef>(USER, [row.assigneeId])) ?? null);
  return toDetail({
    ...fromRequestRow(row),
    requester,
    assignee,
    events: events.map((e) => ({ ...(e as object), actor: { id: e.actorId, name: e.actorName, email: e.actorEmail }, createdAt: storedDate(e.createdAt) })),
    comments: comments.map((c) => ({
      ...(c as object),
      author: { id: c.authorId, name: c.authorName, email: c.authorEmail },
      createdAt: storedDate(c.createdAt),
      editedAt: storedDateOrNull(c.editedAt),
      deletedAt: storedDateOrNull(c.deletedAt),
    })),
  } as unknown as Parameters<typeof toDetail>[0]);
}

/** The read itself, to compose into another read or write (the outbox's planners). */
export function* detailByNumber(number: number): Read<RequestDetail | null> {
  return yield* detail(yield* readRow<Row>(`SELECT ${COLUMNS} FROM "DatasetRequest" WHERE "number" = ?`, [number]));
}

/** By number; null when there is none. One read: one snapshot. */
export function readDetailByNumber(number: number): Promise<RequestDetail | null> {
  return readDatabase(() => detailByNumber(number));
}

/** The same on a given SQLite connection, synchronously (the write connection right after its insert). */
export function readDetailByNumberOn(db: Database.Database, number: number): RequestDetail | null {
  return runOnSqlite(
    db,
    (sql) => prepare(db, sql),
    () => detailByNumber(number),
  );
}

/** The live request of a dataset name, or (includeRetired) its latest rejected or cancelled one. */
export function readDetailByDatasetName(name: string, includeRetired: boolean): Promise<RequestDetail | null> {
  return readDatabase(function* () {
    const live = yield* readRow<Row>(`SELECT ${COLUMNS} FROM "DatasetRequest" WHERE "liveDatasetName" = ?`, [name]);
    const row =
      live ??
      (includeRetired
        ? yield* readRow<Row>(
            `SELECT ${COLUMNS} FROM "DatasetRequest" WHERE "datasetName" = ? AND "status" IN (${RELEASED_STATUSES.map((x) => `'${x}'`).join(", ")}) ORDER BY "number" DESC LIMIT 1`,
            [name],
          )
        : undefined);
    return yield* detail(row);
  });
}
