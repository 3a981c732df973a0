// The SQL the app runs for each benchmark endpoint, through better-sqlite3 prepared
// statements, and the same JSON the app returns. Used by the bare-limit server only.
import type Database from "better-sqlite3";
import type { ListRequestsQuery, RequestListResponse, RequestSummary } from "../../lib/schemas/request";
import { formatRequestNumber, parseRequestNumber } from "../../lib/domain/requests/options";

export type SessionRow = { userId: string; name: string; email: string; role: string; team: string | null; expiresAt: string };
type UserRef = { id: string; name: string; email: string };
type Row = Record<string, unknown>;

/** Prisma writes DateTime as "2026-01-02T03:04:05.678+00:00"; the API speaks ISO with Z. */
const iso = (v: unknown) => new Date(String(v)).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

const SORT_SQL: Record<ListRequestsQuery["sort"], string> = {
  number: `"number"`,
  datasetName: `"datasetName"`,
  requestType: `"requestType"`,
  ownerTeam: `"ownerTeam"`,
  status: `"statusRank"`,
  priority: `"priorityRank"`,
  assignee: `"orderby_1"."name"`,
  createdAt: `"createdAt"`,
  updatedAt: `"updatedAt"`,
};

function personFilter(value: string | undefined, userId: string): string | null | undefined {
  if (value === undefined || value === "all") return undefined;
  if (value === "me") return userId;
  if (value === "unassigned") return null;
  return value;
}

/** The WHERE clause Prisma generates for lib/data/requests/list-requests.ts buildWhere(). */
function where(query: ListRequestsQuery, userId: string): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (query.status?.length) {
    terms.push(`"DatasetRequest"."status" IN (${query.status.map(() => "?").join(",")})`);
    params.push(...query.status);
  }
  if (query.type) terms.push(`"DatasetRequest"."requestType" = ?`), params.push(query.type);
  if (query.team) terms.push(`"DatasetRequest"."ownerTeam" = ?`), params.push(query.team);
  if (query.priority) terms.push(`"DatasetRequest"."priority" = ?`), params.push(query.priority);
  const assignee = personFilter(query.assignee, userId);
  if (assignee === null) terms.push(`"DatasetRequest"."assigneeId" IS NULL`);
  else if (assignee !== undefined) terms.push(`"DatasetRequest"."assigneeId" = ?`), params.push(assignee);
  const requester = personFilter(query.requester, userId);
  if (requester !== undefined) terms.push(`"DatasetRequest"."requesterId" = ?`), params.push(requester ?? "");
  if (query.q) {
    const number = parseRequestNumber(query.q);
    const or: string[] = [];
    if (number !== null) or.push(`"DatasetRequest"."number" = ?`), params.push(number);
    const like = `%${query.q}%`;
    or.push(`"DatasetRequest"."datasetName" LIKE ?`, `"DatasetRequest"."ownerTeam" LIKE ?`, `"DatasetRequest"."useCase" LIKE ?`);
    params.push(like, like, like);
    terms.push(`(${or.join(" OR ")})`);
  }
  return { sql: terms.length ? `WHERE ${terms.join(" AND ")}` : "", params };
}

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

  function list(query: ListRequestsQuery, userId: string): RequestListResponse {
    const w = where(query, userId);
    const dir = query.order === "asc" ? "ASC" : "DESC";
    const join = query.sort === "assignee" ? `LEFT JOIN "user" AS "orderby_1" ON "orderby_1"."id" = "DatasetRequest"."assigneeId"` : "";
    const rows = prep(
      `SELECT "DatasetRequest"."number", "datasetName", "requestType", "ownerTeam", "status", "priority", "DatasetRequest"."createdAt",
              "DatasetRequest"."updatedAt", "statusChangedAt", "requesterId", "assigneeId"
       FROM "DatasetRequest" ${join} ${w.sql}
       ORDER BY ${SORT_SQL[query.sort]} ${dir}${query.sort === "number" ? "" : `, "DatasetRequest"."number" ${dir}`} LIMIT ? OFFSET ?`,
    ).all(...w.params, query.pageSize, (query.page - 1) * query.pageSize) as Row[];
    const requesters = userRefs(rows.map((r) => r.requesterId as string));
    const assignees = userRefs(rows.map((r) => r.assigneeId as string | null));
    const total = prep(`SELECT COUNT(*) AS "n" FROM (SELECT "DatasetRequest"."number" FROM "DatasetRequest" ${w.sql} LIMIT -1 OFFSET 0)`).get(...w.params) as {
      n: number;
    };
    const items = rows.map((r): RequestSummary => toSummary(r, requesters.get(r.requesterId as string)!, r.assigneeId ? assignees.get(r.assigneeId as string)! : null));
    return { items, total: total.n, page: query.page, pageSize: query.pageSize };
  }

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
    };
  }

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
  const detailByLiveName = (name: string) => detail(prep(`SELECT * FROM "DatasetRequest" WHERE "liveDatasetName" = ?`).get(name) as Row | undefined);

  const CREATE_COLUMNS = [
    "datasetName", "liveDatasetName", "requestType", "sourceSystem", "ownerTeam", "contactEmail", "useCase", "keyFormat",
    "keyExample", "valueFormat", "valueSchema", "ingestion", "sourceLocation", "updateFrequency", "estimatedSizeGb",
    "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "ttlDays", "regions", "dataClassification", "backupsEnabled",
    "backupRetentionDays", "neededBy", "priority", "priorityRank", "status", "statusRank", "requesterId",
  ];
  const insert = sqlite.prepare(
    `INSERT INTO "DatasetRequest" (${CREATE_COLUMNS.map((c) => `"${c}"`).join(", ")}, "statusChangedAt", "createdAt", "updatedAt")
     VALUES (${CREATE_COLUMNS.map((c) => `@${c}`).join(", ")}, @now, @now, @now) RETURNING "number"`,
  );
  const insertEvent = sqlite.prepare(
    `INSERT INTO "RequestEvent" ("requestNumber", "actorId", "kind", "toStatus", "createdAt") VALUES (?, ?, 'CREATED', 'SUBMITTED', ?)`,
  );
  const createTx = sqlite.transaction((values: Record<string, unknown>) => {
    const { number } = insert.get(Object.fromEntries([...CREATE_COLUMNS, "now"].map((c) => [c, values[c]]))) as { number: number };
    insertEvent.run(number, values.requesterId, values.now);
    return number;
  });

  function create(values: Record<string, unknown>) {
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

  return { session, list, detailByNumber, detailByLiveName, create };
}

export type BareQueries = ReturnType<typeof openBareQueries>;
