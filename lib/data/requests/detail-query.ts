// One request with its people, history and comments, read on the read connection in
// prepared statements: the same RequestDetail as toDetail() over Prisma's findUnique
// with detailInclude, without Prisma compiling five queries per call (the request page
// ran at 3 % of the bare limit through Prisma, BENCHMARKS.md). New requests are written
// on the direct write connection (create-request.ts); other writes go through Prisma.
import "server-only";
import type Database from "better-sqlite3";
import { toDetail } from "@/lib/data/requests/request-dto";
import { isoFromSqlite } from "@/lib/data/requests/list-query";
import type { RequestDetail } from "@/lib/schemas/request";
import { RELEASED_STATUSES } from "@/lib/domain/requests/options";

type UserRef = { id: string; name: string; email: string };
type Row = Record<string, unknown> & { number: number; requesterId: string; assigneeId: string | null };

const statements = new WeakMap<Database.Database, ReturnType<typeof prepareAll>>();

function prepareAll(db: Database.Database) {
  // estimatedKeyCount as text: a BigInt column may hold more than a double keeps exactly.
  const columns = `*, CAST("estimatedKeyCount" AS TEXT) AS "estimatedKeyCountText"`;
  return {
    byNumber: db.prepare(`SELECT ${columns} FROM "DatasetRequest" WHERE "number" = ?`),
    byLiveName: db.prepare(`SELECT ${columns} FROM "DatasetRequest" WHERE "liveDatasetName" = ?`),
    latestRetired: db.prepare(
      `SELECT ${columns} FROM "DatasetRequest" WHERE "datasetName" = ? AND "status" IN (${RELEASED_STATUSES.map((x) => `'${x}'`).join(", ")}) ORDER BY "number" DESC LIMIT 1`,
    ),
    user: db.prepare(`SELECT "id", "name", "email" FROM "user" WHERE "id" = ?`),
    events: db.prepare(
      `SELECT "e".*, "u"."name" AS "actorName", "u"."email" AS "actorEmail"
       FROM "RequestEvent" AS "e" JOIN "user" AS "u" ON "u"."id" = "e"."actorId" WHERE "e"."requestNumber" = ? ORDER BY "e"."id" ASC`,
    ),
    comments: db.prepare(
      `SELECT "c".*, "u"."name" AS "authorName", "u"."email" AS "authorEmail"
       FROM "Comment" AS "c" JOIN "user" AS "u" ON "u"."id" = "c"."authorId" WHERE "c"."requestNumber" = ? ORDER BY "c"."id" ASC`,
    ),
  };
}

function stmts(db: Database.Database) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepareAll(db)));
  return s;
}

const date = (v: unknown) => new Date(isoFromSqlite(v));

/** The row and its relations as Prisma's include would give them, then toDetail(). */
function detail(db: Database.Database, row: Row | undefined): RequestDetail | null {
  if (!row) return null;
  const s = stmts(db);
  const events = s.events.all(row.number) as Record<string, unknown>[];
  const comments = s.comments.all(row.number) as Record<string, unknown>[];
  return toDetail({
    ...(row as object),
    estimatedKeyCount: BigInt(row.estimatedKeyCountText as string),
    backupsEnabled: Boolean(row.backupsEnabled),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    statusChangedAt: date(row.statusChangedAt),
    completedAt: row.completedAt === null ? null : date(row.completedAt),
    requester: s.user.get(row.requesterId) as UserRef,
    assignee: row.assigneeId === null ? null : ((s.user.get(row.assigneeId) as UserRef | undefined) ?? null),
    events: events.map((e) => ({ ...(e as object), actor: { id: e.actorId, name: e.actorName, email: e.actorEmail }, createdAt: date(e.createdAt) })),
    comments: comments.map((c) => ({
      ...(c as object),
      author: { id: c.authorId, name: c.authorName, email: c.authorEmail },
      createdAt: date(c.createdAt),
      editedAt: c.editedAt === null ? null : date(c.editedAt),
      deletedAt: c.deletedAt === null ? null : date(c.deletedAt),
    })),
  } as Parameters<typeof toDetail>[0]);
}

/** By number; null when there is none. One read transaction: one snapshot. */
export function readDetailByNumber(db: Database.Database, number: number): RequestDetail | null {
  return db.transaction(() => detail(db, stmts(db).byNumber.get(number) as Row | undefined))();
}

/** The live request of a dataset name, or (includeRetired) its latest rejected or cancelled one. */
export function readDetailByDatasetName(db: Database.Database, name: string, includeRetired: boolean): RequestDetail | null {
  return db.transaction(() => {
    const s = stmts(db);
    const row = (s.byLiveName.get(name) ?? (includeRetired ? s.latestRetired.get(name) : undefined)) as Row | undefined;
    return detail(db, row);
  })();
}
