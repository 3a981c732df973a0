// The SQL the app runs for each benchmark endpoint, through better-sqlite3 prepared
// statements, and the same JSON the app returns. Used by the bare-limit server only.
// The queue, the create and the dataset page's read run the app's own SQL; the request
// page mirrors lib/data/requests/detail-query.ts.
import type Database from "better-sqlite3";
import type { ListRequestsQuery, RequestListResponse, RequestSummary } from "../../lib/schemas/request";
import { formatRequestNumber, MIGRATION_CHECKLIST } from "../../lib/domain/requests/options";
import { isoFromSqlite as iso, runListQuery } from "../../lib/data/requests/list-query";
import type { ListCursor } from "../../lib/domain/requests/list-cursor";
import { insertNewRequests, newRequestParams, type NewRequestValues } from "../../lib/data/requests/insert-request";
import { driveOnSqlite } from "../../lib/db/sql/reads";
import { datasetRead } from "../../lib/data/datasets/get-dataset";
import { sqliteDialect } from "../../lib/db/sql/dialect";

export type SessionRow = { userId: string; name: string; email: string; role: string; team: string | null; expiresAt: string };
type UserRef = { id: string; name: string; email: string };
type Row = Record<string, unknown>;

/** Prisma's DateTime text to the API's ISO, by the app's own conversion (`iso`, from list-query.ts). */
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

export function openBareQueries(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = sqlite.prepare(sql)));
    return s;
  };

  const userRefs = (ids: (string | null)[]) => {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const map = new Map<string, UserRef>();
    if (!unique.length) return map;
    for (const u of prep(`SELECT "id", "name", "email" FROM "user" WHERE "id" IN (${unique.map(() => "?").join(",")})`).all(...unique) as UserRef[])
      map.set(u.id, u);
    return map;
  };

  /** The queue: the app's own SQL (lib/data/requests/list-query.ts) on this connection. */
  const list = (query: ListRequestsQuery, userId: string, after?: ListCursor): RequestListResponse => runListQuery(sqlite, query, userId, { after });

  function toSummary(r: Row, requester: UserRef, assignee: UserRef | null): RequestSummary {
    return {
      number: formatRequestNumber(r.number as number),
      datasetName: r.datasetName as string,
      requestType: r.requestType as RequestSummary["requestType"],
      ownerTeam: r.ownerTeam as string,
      status: r.status as RequestSummary["status"],
      priority: r.priority as RequestSummary["priority"],
      requester,
      assignee,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      statusChangedAt: iso(r.statusChangedAt),
      checklistProgress: r.requestType === "MIGRATION" ? { done: checklistItems(r.checklist).length, total: MIGRATION_CHECKLIST.length } : null,
    };
  }
  const checklistItems = (stored: unknown) => {
    const done = new Set(String(stored).split(","));
    return MIGRATION_CHECKLIST.filter((item) => done.has(item));
  };

  /** Prisma's findUnique with detailInclude: the row, its two people, history, comments and their authors. */
  function detail(r: Row | undefined) {
    if (!r) return null;
    const people = userRefs([r.requesterId as string, r.assigneeId as string | null]);
    const events = prep(`SELECT * FROM "RequestEvent" WHERE "requestNumber" = ? ORDER BY "id" ASC`).all(r.number) as Row[];
    const comments = prep(`SELECT * FROM "Comment" WHERE "requestNumber" = ? ORDER BY "id" ASC`).all(r.number) as Row[];
    const actors = userRefs([...events.map((e) => e.actorId as string), ...comments.map((c) => c.authorId as string)]);
    return {
      ...toSummary(r, people.get(r.requesterId as string)!, r.assigneeId ? people.get(r.assigneeId as string)! : null),
      sourceSystem: r.sourceSystem,
      contactEmail: r.contactEmail,
      useCase: r.useCase,
      keyFormat: r.keyFormat,
      keyExample: r.keyExample,
      valueFormat: r.valueFormat,
      valueSchema: r.valueSchema,
      ingestion: r.ingestion,
      sourceLocation: r.sourceLocation,
      updateFrequency: r.updateFrequency,
      estimatedSizeGb: r.estimatedSizeGb,
      estimatedKeyCount: String(r.estimatedKeyCount),
      readQps: r.readQps,
      writeQps: r.writeQps,
      p99LatencyMs: r.p99LatencyMs,
      ttlDays: r.ttlDays,
      regions: String(r.regions).split(",").filter(Boolean),
      dataClassification: r.dataClassification,
      backupsEnabled: r.backupsEnabled === 1 || r.backupsEnabled === BigInt(1),
      backupRetentionDays: r.backupRetentionDays,
      neededBy: r.neededBy,
      completedAt: isoOrNull(r.completedAt),
      checklist: checklistItems(r.checklist),
      version: r.version,
      history: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        actor: actors.get(e.actorId as string),
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        field: e.field,
        oldValue: e.oldValue,
        newValue: e.newValue,
        note: e.note,
        createdAt: iso(e.createdAt),
      })),
      comments: comments.map((c) => ({ id: c.id, author: actors.get(c.authorId as string), body: c.body, createdAt: iso(c.createdAt) })),
    };
  }

  const detailByNumber = (number: number) => detail(prep(`SELECT * FROM "DatasetRequest" WHERE "number" = ?`).get(number) as Row | undefined);
  /** GET /api/datasets/{name}: the app's own read (findDataset), driven on this connection. */
  const datasetByName = (name: string) => driveOnSqlite(prep, datasetRead(name));

  const createTx = sqlite.transaction((values: NewRequestValues) => driveOnSqlite(prep, insertNewRequests([newRequestParams(values, sqliteDialect)]))[0]!);

  function create(values: NewRequestValues) {
    try {
      return detailByNumber(createTx(values));
    } catch (e) {
      if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return null;
      throw e;
    }
  }

  const sessionStmt = sqlite.prepare(
    `SELECT "u"."id" AS "userId", "u"."name", "u"."email", "u"."role", "u"."team", "s"."expiresAt"
     FROM "session" AS "s" JOIN "user" AS "u" ON "u"."id" = "s"."userId" WHERE "s"."token" = ?`,
  );
  const session = (token: string) => sessionStmt.get(token) as SessionRow | undefined;

  return { session, list, detailByNumber, datasetByName, create };
}

export type BareQueries = ReturnType<typeof openBareQueries>;
