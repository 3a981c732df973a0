// The queue's SQL: filter, sort, page and count the requests in SQLite through
// better-sqlite3 prepared statements. The app runs it on its read connection
// (list-requests.ts); the benchmark's bare-limit server runs the very same function on
// its own connection, so the two differ only in what surrounds the SQL.
//
// How each part stays fast at 1,000,000 rows (measurements in BENCHMARKS.md):
// - Sorting: every sortable column has an index ending with the tie-breaker (number),
//   so a page is a walk along one index. The page's numbers are picked from the index
//   alone and only those 25 rows are read ("deferred join"), so skipping to a deep page
//   reads index entries, not rows.
// - Filters: SQLite would use a filter's index and then sort every match, which is slow
//   when a filter matches many rows (a team, a requester, open statuses). Knowing the
//   count first, the plan is chosen here: walk the sort index and test each row (with
//   "+column", which keeps SQLite off the filter's index) when matches are dense enough
//   to fill the page soon; seek through the filter's index and sort when they are few.
// - Counting: totals for any mix of status, type, priority and assignee are a sum over
//   RequestCount (kept by triggers); other filters count along their index; a free-text
//   search counts in the full-text index.
// - Free text (3+ characters) is a substring match through the RequestSearch trigram
//   index (FTS5) over dataset name, team and use case, plus the request number. Shorter
//   text cannot use trigrams: it matches the number, or dataset names and teams that
//   start with it.
//
// The SQL is standard apart from the FTS5 MATCH and SQLite's "+column" hint.
import "server-only";
import type Database from "better-sqlite3";
import { parseRequestNumber } from "@/lib/domain/requests/options";
import { toSummary as toSummaryDto } from "@/lib/data/requests/request-dto";
import type { ListRequestsQuery, RequestListResponse, RequestSummary, SortField } from "@/lib/schemas/request";

const SORT_COLUMN: Record<SortField, string> = {
  number: "number",
  datasetName: "datasetName",
  requestType: "requestType",
  ownerTeam: "ownerTeam",
  status: "statusRank",
  priority: "priorityRank",
  assignee: "assigneeName",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};

/** Free text shorter than this cannot use the trigram index. */
export const MIN_SUBSTRING_LENGTH = 3;

/**
 * One WHERE term, rendered two ways: `seek` lets SQLite use the column's index, `scan`
 * writes "+column" so it cannot (the row is tested while another index is walked).
 */
type Form = "seek" | "scan";
type Term = Record<Form, { sql: string; params: unknown[] }>;

const quote = (column: string) => `"DatasetRequest"."${column}"`;
const term = (render: (col: (c: string) => string) => string, params: unknown[]): Term => ({
  seek: { sql: render(quote), params },
  scan: { sql: render((c) => `+${quote(c)}`), params },
});
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** "me" → the asking user, "unassigned" → nobody, "all" → no filter, else a user id. */
function person(value: string | undefined, userId: string): string | null | undefined {
  if (value === undefined || value === "all") return undefined;
  if (value === "me") return userId;
  if (value === "unassigned") return null;
  return value;
}

/** An FTS5 phrase: the text as one quoted string, so no character is query syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Strings that start with `prefix` are ≥ prefix and < this (UTF-8 byte order = code point order). */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  return points.join("") + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
}

/** "ml" → ml, mL, Ml, ML: the cases a short prefix may be stored in. */
function caseVariants(text: string): string[] {
  let out = [""];
  for (const ch of text) {
    const forms = [...new Set([ch.toLowerCase(), ch.toUpperCase()])];
    out = out.flatMap((s) => forms.map((f) => s + f));
  }
  return out;
}

type Search = { term: Term; ftsPhrase: string | null; number: number | null };

function searchTerm(q: string): Search {
  const number = parseRequestNumber(q);
  if ([...q].length >= MIN_SUBSTRING_LENGTH) {
    const phrase = ftsPhrase(q);
    const hasNumber = number !== null;
    return {
      ftsPhrase: phrase,
      number,
      term: {
        // Few matches: look them up by number. Many: walk the sort index and test each
        // row against the set of matches, which SQLite builds once per query.
        seek: {
          sql: `"DatasetRequest"."number" IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?${hasNumber ? " UNION ALL SELECT ?" : ""})`,
          params: hasNumber ? [phrase, number] : [phrase],
        },
        scan: {
          sql: `(${hasNumber ? `+"DatasetRequest"."number" = ? OR ` : ""}+"DatasetRequest"."number" IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?))`,
          params: hasNumber ? [number, phrase] : [phrase],
        },
      },
    };
  }
  // 1–2 characters: the request number, or names and teams that start with the text.
  // Dataset names are lower case by rule; teams may be in any case.
  const name = q.toLowerCase();
  const teams = caseVariants(q);
  const render = (col: (c: string) => string) =>
    `(${[
      ...(number !== null ? [`${col("number")} = ?`] : []),
      `(${col("datasetName")} >= ? AND ${col("datasetName")} < ?)`,
      ...teams.map(() => `(${col("ownerTeam")} >= ? AND ${col("ownerTeam")} < ?)`),
    ].join(" OR ")})`;
  const params = [...(number !== null ? [number] : []), name, prefixEnd(name), ...teams.flatMap((t) => [t, prefixEnd(t)])];
  return { ftsPhrase: null, number, term: term(render, params) };
}

type Plan = {
  terms: Term[];
  /** WHERE on RequestCount when every filter is one of its columns, else null. */
  facet: { sql: string; params: unknown[] } | null;
  search: Search | null;
};

function plan(query: ListRequestsQuery, userId: string): Plan {
  const terms: Term[] = [];
  const facet: string[] = [];
  const facetParams: unknown[] = [];
  let facetable = true;
  if (query.status?.length) {
    terms.push(term((c) => `${c("status")} IN (${placeholders(query.status!.length)})`, query.status));
    facet.push(`"status" IN (${placeholders(query.status.length)})`), facetParams.push(...query.status);
  }
  if (query.type) {
    terms.push(term((c) => `${c("requestType")} = ?`, [query.type]));
    facet.push(`"requestType" = ?`), facetParams.push(query.type);
  }
  if (query.priority) {
    terms.push(term((c) => `${c("priority")} = ?`, [query.priority]));
    facet.push(`"priority" = ?`), facetParams.push(query.priority);
  }
  const assignee = person(query.assignee, userId);
  if (assignee !== undefined) {
    terms.push(assignee === null ? term((c) => `${c("assigneeId")} IS NULL`, []) : term((c) => `${c("assigneeId")} = ?`, [assignee]));
    facet.push(`"assigneeId" = ?`), facetParams.push(assignee ?? "");
  }
  if (query.team) {
    terms.push(term((c) => `${c("ownerTeam")} = ?`, [query.team]));
    facetable = false;
  }
  const requester = person(query.requester, userId);
  if (requester !== undefined) {
    terms.push(term((c) => `${c("requesterId")} = ?`, [requester ?? ""]));
    facetable = false;
  }
  const search = query.q ? searchTerm(query.q) : null;
  if (search) {
    terms.push(search.term);
    facetable = false;
  }
  return {
    terms,
    facet: facetable ? { sql: facet.length ? `WHERE ${facet.join(" AND ")}` : "", params: facetParams } : null,
    search,
  };
}

const where = (terms: Term[], form: Form) => (terms.length ? `WHERE ${terms.map((t) => t[form].sql).join(" AND ")}` : "");
const whereParams = (terms: Term[], form: Form) => terms.flatMap((t) => t[form].params);

// ---- statements --------------------------------------------------------------

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

// ---- counting ------------------------------------------------------------------

function countAll(db: Database.Database): number {
  return Number(prepare(db, `SELECT COALESCE(SUM("n"), 0) FROM "RequestCount"`).pluck().get());
}

function countMatches(db: Database.Database, p: Plan): number {
  if (p.facet) return Number(prepare(db, `SELECT COALESCE(SUM("n"), 0) FROM "RequestCount" ${p.facet.sql}`).pluck().get(...p.facet.params));
  if (p.search?.ftsPhrase && p.terms.length === 1) {
    // Text alone: count in the full-text index, plus the request of that number when
    // the text is one and does not already match it.
    const { ftsPhrase: phrase, number } = p.search;
    const fts = Number(prepare(db, `SELECT COUNT(*) FROM "RequestSearch" WHERE "RequestSearch" MATCH ?`).pluck().get(phrase));
    if (number === null) return fts;
    const extra = prepare(
      db,
      `SELECT COUNT(*) FROM "DatasetRequest" WHERE "number" = ?
       AND NOT EXISTS (SELECT 1 FROM "RequestSearch" WHERE "RequestSearch" MATCH ? AND "rowid" = ?)`,
    )
      .pluck()
      .get(number, phrase, number);
    return fts + Number(extra);
  }
  return Number(prepare(db, `SELECT COUNT(*) FROM "DatasetRequest" ${where(p.terms, "seek")}`).pluck().get(...whereParams(p.terms, "seek")));
}

// ---- the page ------------------------------------------------------------------

type Row = {
  number: number;
  datasetName: string;
  requestType: string;
  ownerTeam: string;
  status: string;
  priority: string;
  createdAt: unknown;
  updatedAt: unknown;
  statusChangedAt: unknown;
  checklist: string;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeEmail: string | null;
};

/** Prisma stores DateTime as "2026-01-02T03:04:05.678+00:00"; the API speaks ISO 8601 with Z. */
export function isoFromSqlite(value: unknown): string {
  if (typeof value === "string" && value.length === 29 && value.endsWith("+00:00")) return `${value.slice(0, 23)}Z`;
  if (typeof value === "string" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(value)) return new Date(`${value.replace(" ", "T")}Z`).toISOString();
  return new Date(value as string | number).toISOString();
}

function toSummary(r: Row): RequestSummary {
  return toSummaryDto({
    ...r,
    requester: { id: r.requesterId, name: r.requesterName, email: r.requesterEmail },
    assignee: r.assigneeId === null ? null : { id: r.assigneeId, name: r.assigneeName!, email: r.assigneeEmail! },
    createdAt: isoFromSqlite(r.createdAt),
    updatedAt: isoFromSqlite(r.updatedAt),
    statusChangedAt: isoFromSqlite(r.statusChangedAt),
  });
}

/**
 * Walk the sort index and test each row, or seek the matches through a filter's index
 * and sort them? Walking reads about (offset + page) × all ÷ matches rows; seeking reads
 * every match. Walk while that is the smaller, assuming matches are spread evenly.
 */
export function shouldWalk(matches: number, all: number, rowsToSkipAndShow: number): boolean {
  return matches * matches >= rowsToSkipAndShow * all;
}

/** The page's numbers, in order: a subquery over DatasetRequest, or the full-text index itself. */
function pickNumbers(query: ListRequestsQuery, p: Plan, form: Form): { sql: string; params: unknown[] } {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.pageSize;
  if (query.sort === "number" && p.search?.ftsPhrase && p.terms.length === 1) {
    // Text alone, in number order: the full-text index yields its matches in rowid
    // (= number) order, so the page is read straight off it and stops when full.
    const { ftsPhrase: phrase, number } = p.search;
    return number === null
      ? { sql: `SELECT "rowid" AS "number" FROM "RequestSearch" WHERE "RequestSearch" MATCH ? ORDER BY "rowid" ${dir} LIMIT ? OFFSET ?`, params: [phrase, query.pageSize, offset] }
      : {
          sql: `SELECT "rowid" AS "number" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?
                UNION SELECT "number" FROM "DatasetRequest" WHERE "number" = ? ORDER BY 1 ${dir} LIMIT ? OFFSET ?`,
          params: [phrase, number, query.pageSize, offset],
        };
  }
  const order = column === "number" ? `"DatasetRequest"."number" ${dir}` : `"DatasetRequest"."${column}" ${dir}, "DatasetRequest"."number" ${dir}`;
  return {
    sql: `SELECT "DatasetRequest"."number" FROM "DatasetRequest" ${where(p.terms, form)} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...whereParams(p.terms, form), query.pageSize, offset],
  };
}

function pageRows(db: Database.Database, query: ListRequestsQuery, p: Plan, matches: number, all: number, force?: Form): Row[] {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.pageSize;
  const form: Form = force ?? (p.terms.length === 0 || shouldWalk(matches, all, offset + query.pageSize) ? "scan" : "seek");
  const page = pickNumbers(query, p, form);
  // CROSS JOIN fixes the join order (SQLite never reorders it): the page's numbers drive
  // the lookups. Left free, the planner may walk all of "r" to avoid sorting 25 rows.
  const sql = `SELECT "r"."number", "r"."datasetName", "r"."requestType", "r"."ownerTeam", "r"."status", "r"."priority",
      "r"."createdAt", "r"."updatedAt", "r"."statusChangedAt", "r"."checklist",
      "r"."requesterId", "q"."name" AS "requesterName", "q"."email" AS "requesterEmail",
      "r"."assigneeId", "a"."name" AS "assigneeName", "a"."email" AS "assigneeEmail"
    FROM (${page.sql}) AS "page"
    CROSS JOIN "DatasetRequest" AS "r" ON "r"."number" = "page"."number"
    CROSS JOIN "user" AS "q" ON "q"."id" = "r"."requesterId"
    LEFT JOIN "user" AS "a" ON "a"."id" = "r"."assigneeId"
    ORDER BY ${column === "number" ? `"r"."number" ${dir}` : `"r"."${column}" ${dir}, "r"."number" ${dir}`}`;
  return prepare(db, sql).all(...page.params) as Row[];
}

/**
 * One page of the queue and its total, read in one transaction (one snapshot).
 * `options.form` forces a plan (tests check that both give the same answers).
 */
export function runListQuery(
  db: Database.Database,
  query: ListRequestsQuery,
  userId: string,
  options: { form?: "seek" | "scan" } = {},
): RequestListResponse {
  const p = plan(query, userId);
  const read = db.transaction(() => {
    const all = countAll(db);
    const total = p.terms.length === 0 ? all : countMatches(db, p);
    const offset = (query.page - 1) * query.pageSize;
    const rows = total > offset ? pageRows(db, query, p, total, all, options.form) : [];
    return { rows, total };
  });
  const { rows, total } = read();
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}
