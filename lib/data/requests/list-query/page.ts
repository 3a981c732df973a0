// One page of the queue: the plan, the count, the page's numbers from an index, then its rows.
import "server-only";
import type Database from "better-sqlite3";
import { toSummary as toSummaryDto } from "@/lib/data/requests/request-dto";
import { sqliteDialect, type Dialect } from "@/lib/db/sql/dialect";
import { count, rows as readRows, runOnSqlite, type Read } from "@/lib/db/sql/reads";
import type { ListRequestsQuery, RequestListResponse, RequestSummary } from "@/lib/schemas/request";
import { SORT_COLUMN, placeholders, type Form } from "./terms";
import { afterRanges, type SortPosition } from "./keyset";
import { DATE_SORTS, encodeListCursor, type ListCursor } from "@/lib/domain/requests/list-cursor";
import { plan, readTerms, where, whereParams, type Plan } from "./plan";
import { prepare } from "@/lib/db/sql/statements";
import { countAll, countMatches, countBoth, exact, narrowLongText, SEARCH_COUNT_LIMIT, type Count } from "./count";

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
  /** The row's value of the sort column, as stored (for the next page's cursor). */
  sortValue: unknown;
};

/** Prisma stores DateTime as "2026-01-02T03:04:05.678+00:00"; the API speaks ISO 8601 with Z. */
export function isoFromSqlite(value: unknown): string {
  if (typeof value === "string" && value.length === 29 && value.endsWith("+00:00")) return `${value.slice(0, 23)}Z`;
  if (typeof value === "string" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(value)) return new Date(`${value.replace(" ", "T")}Z`).toISOString();
  return new Date(value as string | number).toISOString();
}

export function toSummary(r: Row): RequestSummary {
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
function pickNumbers(query: ListRequestsQuery, p: Plan, form: Form, count: Count, rows: number): { sql: string; params: unknown[] } {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.pageSize;
  // (Only SQLite's full-text search has an ftsPhrase.)
  if (query.sort === "number" && p.search?.ftsPhrase && p.terms.length === 1) {
    // Text alone, in number order: the full-text index yields its matches in rowid
    // (= number) order, so the page is read straight off it and stops when full.
    const { ftsPhrase: phrase, number } = p.search;
    const source = p.search.source!;
    return number === null
      ? {
          sql: `SELECT "RequestSearch"."rowid" AS "number" FROM ${source.from} ORDER BY "RequestSearch"."rowid" ${dir} LIMIT ? OFFSET ?`,
          params: [...source.params, query.pageSize, offset],
        }
      : {
          sql: `SELECT "rowid" AS "number" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?
                UNION SELECT "number" FROM "DatasetRequest" WHERE "number" = ? ORDER BY 1 ${dir} LIMIT ? OFFSET ?`,
          params: [phrase, number, query.pageSize, offset],
        };
  }
  if (query.sort === "number" && p.search?.ftsPhrase && p.search.number === null && count.fromPage) {
    // A broad search beside filters, in number order: the full-text index's matches in
    // order, each row tested against the filters, until the page is full.
    return {
      sql: `SELECT "RequestSearch"."rowid" AS "number" FROM "RequestSearch" CROSS JOIN "DatasetRequest" ON "DatasetRequest"."number" = "RequestSearch"."rowid"
        WHERE "RequestSearch" MATCH ? AND ${p.filters.map((t) => t.scan.sql).join(" AND ")} ORDER BY "RequestSearch"."rowid" ${dir} LIMIT ? OFFSET ?`,
      params: [p.search.ftsPhrase, ...whereParams(p.filters, "scan"), rows, offset],
    };
  }
  // A broad search beside filters: seek through the filters' index and test the text on
  // each row, rather than build the set of every text match.
  const terms = readTerms(p, count.testSearchPerRow);
  const order = orderBy(p.dialect, `"DatasetRequest"`, column, dir);
  return {
    sql: `SELECT "DatasetRequest"."number" FROM "DatasetRequest" ${where(terms, form)} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...whereParams(terms, form), rows, offset],
  };
}

/** The queue's order: the sort column (the assignee's name may be NULL: first ascending), then the number. */
export function orderBy(dialect: Dialect, table: string, column: string, dir: "ASC" | "DESC"): string {
  const number = `${table}."number" ${dir}`;
  if (column === "number") return number;
  const sorted = `${table}."${column}"`;
  return `${column === "assigneeName" ? dialect.orderNullable(sorted, dir) : `${sorted} ${dir}`}, ${number}`;
}

function* pageRows(query: ListRequestsQuery, p: Plan, count: Count, all: number, options: ListQueryOptions): Read<Row[]> {
  const offset = (query.page - 1) * query.pageSize;
  // From a cursor the page starts at the index, like page 1: walk or seek as for page 1.
  const skipped = options.after ? 0 : offset;
  const form: Form = options.form ?? (p.terms.length === 0 || shouldWalk(count.estimate, all, skipped + query.pageSize) ? "scan" : "seek");
  const rows = query.pageSize + (count.fromPage ? 1 : 0);
  if (!options.after) return yield* rowsOf(query, p, pickNumbers(query, p, form, count, rows));
  const numbers = yield* numbersAfter(query, p, form, count, rows, positionOf(options.after, p.dialect));
  return numbers.length ? yield* rowsOf(query, p, numbered(numbers)) : [];
}

/** The numbers of the rows after `after` in the view's order, up to `rows`: one or two index ranges (keyset.ts). */
function* numbersAfter(query: ListRequestsQuery, p: Plan, form: Form, count: Count, rows: number, after: SortPosition): Read<number[]> {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const terms = readTerms(p, count.testSearchPerRow);
  const numbers: number[] = [];
  for (const range of afterRanges(column, dir, after)) {
    const found = yield* readRows<{ number: number }>(
      `SELECT "DatasetRequest"."number" FROM "DatasetRequest" WHERE ${[...terms.map((t) => t[form].sql), range.sql].join(" AND ")}
        ORDER BY ${orderBy(p.dialect, `"DatasetRequest"`, column, dir)} LIMIT ?`,
      [...whereParams(terms, form), ...range.params, rows - numbers.length],
    );
    numbers.push(...found.map((r) => Number(r.number)));
    if (numbers.length >= rows) break;
  }
  return numbers;
}

/** A page given by its numbers (their order comes from rowsOf's ORDER BY). */
const numbered = (numbers: number[]) => ({ sql: `SELECT "number" FROM "DatasetRequest" WHERE "number" IN (${placeholders(numbers.length)})`, params: numbers });

/** A cursor's position as the database stores it: dates as the dialect compares them. */
function positionOf(cursor: ListCursor, dialect: Dialect): SortPosition {
  const value = DATE_SORTS.includes(cursor.sort) ? dialect.dateParam(new Date(cursor.value as string)) : cursor.value;
  return { value, number: cursor.number };
}

/** The cursor after `last`, the page's last row, in the API's terms. */
function cursorAfter(query: ListRequestsQuery, last: Row): string {
  const stored = last.sortValue;
  const value =
    query.sort === "number"
      ? null
      : DATE_SORTS.includes(query.sort)
        ? isoFromSqlite(stored)
        : query.sort === "status" || query.sort === "priority"
          ? Number(stored)
          : (stored as string | null);
  return encodeListCursor({ sort: query.sort, order: query.order, value, number: Number(last.number) });
}

/** The rows whose numbers `page` selects, with their people, in the view's order. */
function* rowsOf(query: ListRequestsQuery, p: Plan, page: { sql: string; params: unknown[] }): Read<Row[]> {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  // CROSS JOIN fixes the join order (SQLite never reorders it): the page's numbers drive
  // the lookups. Left free, the planner may walk all of "r" to avoid sorting 25 rows.
  const join = p.dialect.fixedJoin;
  const sql = `SELECT "r"."number", "r"."datasetName", "r"."requestType", "r"."ownerTeam", "r"."status", "r"."priority",
      "r"."createdAt", "r"."updatedAt", "r"."statusChangedAt", "r"."checklist",
      "r"."requesterId", "q"."name" AS "requesterName", "q"."email" AS "requesterEmail",
      "r"."assigneeId", "a"."name" AS "assigneeName", "a"."email" AS "assigneeEmail", "r"."${column}" AS "sortValue"
    FROM (${page.sql}) AS "page"
    ${join} "DatasetRequest" AS "r" ON "r"."number" = "page"."number"
    ${join} "user" AS "q" ON "q"."id" = "r"."requesterId"
    LEFT JOIN "user" AS "a" ON "a"."id" = "r"."assigneeId"
    ORDER BY ${orderBy(p.dialect, `"r"`, column, dir)}`;
  return yield* readRows<Row>(sql, page.params);
}

/**
 * PostgreSQL's substring search (no full-text phrase): its trigram indexes hand over
 * every match at once, in no order, so counting them and then picking the page would
 * search the indexes twice (a whole dataset name: 34 trigrams, about 11 ms a time at
 * 1,000,000 rows). Up to `limit` matches are read once, with their sort values; while
 * they are fewer than `limit` they are all the matches, and the page is cut from them.
 * When there are more, the count is a lower bound (as countMatches would give) and the
 * page is read as usual.
 */
function* searchOnce(query: ListRequestsQuery, p: Plan, limit: number): Read<{ count: Count; numbers: number[] | null }> {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.pageSize;
  const sorted = column === "number" ? "" : `, "${column}"`;
  const matches = `WITH "m" AS MATERIALIZED (SELECT "number"${sorted} FROM "DatasetRequest" ${where(p.terms, "seek")} LIMIT ?)`;
  const page = yield* readRows<{ number: number; n: number | string }>(
    `${matches} SELECT "number", (SELECT COUNT(*) FROM "m") AS "n" FROM "m" ORDER BY ${orderBy(p.dialect, `"m"`, column, dir)} LIMIT ? OFFSET ?`,
    [...whereParams(p.terms, "seek"), limit, query.pageSize, offset],
  );
  // A page past the end has no row to carry the count.
  const total = page.length
    ? Number(page[0]!.n)
    : offset === 0
      ? 0
      : yield* count(`${matches} SELECT COUNT(*) FROM "m"`, [...whereParams(p.terms, "seek"), limit]);
  if (total >= limit) return { count: { total, lowerBound: true, estimate: total, testSearchPerRow: false, fromPage: false }, numbers: null };
  return { count: exact(total), numbers: page.map((r) => Number(r.number)) };
}

export type ListQueryOptions = {
  form?: "seek" | "scan";
  countLimit?: number;
  /** Where the page starts: right after this row (GET /api/requests?after=…), instead of at its offset. */
  after?: ListCursor;
};

/**
 * One page of the queue and its total, as one read (the driver runs it in one
 * transaction: one snapshot). `options.form` forces a plan (tests check that both give
 * the same answers).
 */
export function* listQuery(query: ListRequestsQuery, userId: string, dialect: Dialect, options: ListQueryOptions = {}): Read<RequestListResponse> {
  const p = plan(query, userId, dialect);
  const offset = (query.page - 1) * query.pageSize;
  // Count far enough to know whether this page and the next exist.
  const limit = Math.max(options.countLimit ?? SEARCH_COUNT_LIMIT, offset + query.pageSize) + 1;
  const page = function* (): Read<{ rows: Row[]; count: Count }> {
    if (p.search) yield* narrowLongText(p.search);
    if (p.search && !p.search.ftsPhrase && p.search.rowTest) {
      const once = yield* searchOnce(query, p, limit);
      if (!once.numbers) return { rows: yield* pageRows(query, p, once.count, yield* countAll(), options), count: once.count };
      // (The page is cut from the matches at its offset, cursor or not: they are few.)
      return { rows: once.numbers.length ? yield* rowsOf(query, p, numbered(once.numbers)) : [], count: once.count };
    }
    const all = yield* countAll();
    let count = p.terms.length === 0 ? exact(all) : yield* countMatches(p, all, limit);
    if (count.fromPage) {
      const rows = yield* pageRows(query, p, count, all, options);
      if (rows.length > query.pageSize) return { rows: rows.slice(0, query.pageSize), count: { ...count, total: offset + rows.length, lowerBound: true } };
      if (rows.length > 0 || offset === 0) return { rows, count: { ...count, total: offset + rows.length } };
      count = yield* countBoth(p, limit);
    }
    const rows = count.total > offset ? yield* pageRows(query, p, count, all, options) : [];
    return { rows, count };
  };
  const { rows, count } = yield* page();
  // A full page with rows counted past it (or a count that stopped early) has a next page.
  const more = rows.length === query.pageSize && (count.lowerBound || count.total > offset + query.pageSize);
  return {
    items: rows.map(toSummary),
    total: count.total,
    totalIsLowerBound: count.lowerBound,
    page: query.page,
    pageSize: query.pageSize,
    nextCursor: more ? cursorAfter(query, rows.at(-1)!) : null,
  };
}

/** The queue's page on a SQLite connection, synchronously (the bare-limit benchmark and the plan tests). */
export function runListQuery(db: Database.Database, query: ListRequestsQuery, userId: string, options: ListQueryOptions = {}): RequestListResponse {
  return runOnSqlite(
    db,
    (sql) => prepare(db, sql),
    () => listQuery(query, userId, sqliteDialect, options),
  );
}
