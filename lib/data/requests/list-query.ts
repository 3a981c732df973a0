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
//   search counts in the full-text index, stopping at 10,001 matches (SEARCH_COUNT_LIMIT;
//   the total is then a lower bound, totalIsLowerBound). A broad word ("checkout", one
//   row in six) took 60–90 ms of CPU only to count its 166,000 matches.
// - Free text (3+ characters) is a substring match through the RequestSearch trigram
//   index (FTS5) over dataset name, team and use case, plus the request number. Shorter
//   text cannot use trigrams: it matches the number, or dataset names and teams that
//   start with it.
// - Broad text is a filter like the others: its `scan` form tests each row with LIKE
//   (exact: rowTestFor), so a page walks the sort index and stops when full, instead of
//   building the set of every match. Beside other filters a broad search is not counted
//   at all: the page reads one row more than it shows, and the total is what the page
//   proves (each match counted there is a row read, ~4 µs). Where the matches lie in
//   the numbers (how far the 10,001st is) estimates how many there are, for the plan.
// - Long text (a whole dataset name) is looked up by a rare 5-character piece of it and
//   each candidate row tested for the whole (narrowLongText): the index reads one list of
//   rows per trigram, 34 for a 36-character name.
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
 * A free-text search counts its matches up to one more than this (or than the rows up
 * to the end of the page asked for); past that the total is a lower bound.
 */
export const SEARCH_COUNT_LIMIT = 10_000;

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

type Search = {
  /** The text as typed (trimmed). */
  text: string;
  term: Term;
  ftsPhrase: string | null;
  number: number | null;
  /**
   * The text match tested on one row (number, datasetName, ownerTeam, useCase in hand),
   * exactly as the full-text index would answer it, or null when there is no such test
   * (then `term.scan` tests against the set of matches, built once per query).
   */
  rowTest: { sql: string; params: unknown[] } | null;
  /**
   * Where the text's matches come from, in number order: FROM … WHERE over
   * "RequestSearch" (its rowid is the number). The whole phrase in the full-text index,
   * or for long text a few of its characters there, each candidate tested on its row
   * (`narrowLongText`).
   */
  source: { from: string; params: unknown[] } | null;
};

/** LIKE pattern for "contains `text`": its % _ and \ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Characters outside ASCII that the trigram index folds to ASCII letters: the long s
 * (ſ → s) and the Kelvin sign (K → k). tests/data/list-requests.test.ts checks this
 * list against the SQLite in use, every code point.
 */
export const FOLDS_TO_ASCII: Record<string, string> = { s: "\u017f", k: "\u212a" };

/**
 * The text match tested on one row, with exactly the index's answer. The trigram index
 * matches a substring within one column, folding case; for ASCII text LIKE does the same
 * (about 1 µs a row, where asking the index about one rowid costs about 70 µs), except
 * for the two characters above: a row holding one, when the text has its letter, is
 * asked of the index itself. Text outside ASCII has no such test.
 */
function rowTestFor(text: string, phrase: string, number: number | null): { sql: string; params: unknown[] } | null {
  if (!/^[\x00-\x7f]*$/.test(text)) return null;
  const pattern = containsPattern(text);
  const columns = ["datasetName", "ownerTeam", "useCase"].map((c) => `"DatasetRequest"."${c}"`);
  const odd = Object.entries(FOLDS_TO_ASCII)
    .filter(([letter]) => text.toLowerCase().includes(letter))
    .map(([, ch]) => ch);
  const exotic = odd.length
    ? [
        `OR ((${columns.flatMap((c) => odd.map(() => `instr(${c}, ?)`)).join(" OR ")})
          AND EXISTS (SELECT 1 FROM "RequestSearch" WHERE "RequestSearch" MATCH ? AND "RequestSearch"."rowid" = "DatasetRequest"."number"))`,
      ]
    : [];
  return {
    sql: `(${[
      ...(number !== null ? [`+"DatasetRequest"."number" = ?`] : []),
      ...columns.map((c) => `${c} LIKE ? ESCAPE '\\'`),
    ].join(" OR ")} ${exotic.join("")})`,
    params: [...(number !== null ? [number] : []), ...columns.map(() => pattern), ...(odd.length ? [...columns.flatMap(() => odd), phrase] : [])],
  };
}

function searchTerm(q: string): Search {
  const number = parseRequestNumber(q);
  if ([...q].length >= MIN_SUBSTRING_LENGTH) {
    const phrase = ftsPhrase(q);
    const hasNumber = number !== null;
    const rowTest = rowTestFor(q, phrase, number);
    return {
      text: q,
      ftsPhrase: phrase,
      number,
      rowTest,
      source: { from: `"RequestSearch" WHERE "RequestSearch" MATCH ?`, params: [phrase] },
      term: {
        // Few matches: look them up by number. Many: walk the sort index and test each
        // row, on the row itself when the text allows (rowTest), else against the set
        // of matches, which SQLite builds once per query.
        seek: {
          sql: `"DatasetRequest"."number" IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?${hasNumber ? " UNION ALL SELECT ?" : ""})`,
          params: hasNumber ? [phrase, number] : [phrase],
        },
        scan: rowTest ?? {
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
  return { text: q, ftsPhrase: null, number, rowTest: null, source: null, term: term(render, params) };
}

type Plan = {
  /** Every WHERE term: the filters, then the search. */
  terms: Term[];
  /** The filters alone (no search). */
  filters: Term[];
  /** WHERE on RequestCount when every filter is one of its columns, else null. The search is not in it. */
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
    facet.push(`"status" IN (${placeholders(query.status.length)})`);
    facetParams.push(...query.status);
  }
  if (query.type) {
    terms.push(term((c) => `${c("requestType")} = ?`, [query.type]));
    facet.push(`"requestType" = ?`);
    facetParams.push(query.type);
  }
  if (query.priority) {
    terms.push(term((c) => `${c("priority")} = ?`, [query.priority]));
    facet.push(`"priority" = ?`);
    facetParams.push(query.priority);
  }
  const assignee = person(query.assignee, userId);
  if (assignee !== undefined) {
    terms.push(assignee === null ? term((c) => `${c("assigneeId")} IS NULL`, []) : term((c) => `${c("assigneeId")} = ?`, [assignee]));
    facet.push(`"assigneeId" = ?`);
    facetParams.push(assignee ?? "");
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
  const filters = [...terms];
  const search = query.q ? searchTerm(query.q) : null;
  if (search) terms.push(search.term);
  return {
    terms,
    filters,
    facet: facetable ? { sql: facet.length ? `WHERE ${facet.join(" AND ")}` : "", params: facetParams } : null,
    search,
  };
}

const where = (terms: Term[], form: Form) => (terms.length ? `WHERE ${terms.map((t) => t[form].sql).join(" AND ")}` : "");
const whereParams = (terms: Term[], form: Form) => terms.flatMap((t) => t[form].params);

// ---- statements --------------------------------------------------------------

// Prepared statements by SQL text, least recently used first. Bounded: the queries'
// shapes vary with the filters and the number of search words, and a caller cycling
// through shapes must not grow the server's memory for good (each statement holds
// SQLite's compiled program). The queue's everyday shapes are a few dozen.
export const STATEMENT_CACHE_SIZE = 200;
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql); // to the most recently used end
  } else {
    statement = db.prepare(sql);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}

/** How many statements the cache holds for a connection (for the memory test). */
export const cachedStatementCount = (db: Database.Database) => statements.get(db)?.size ?? 0;

// ---- counting ------------------------------------------------------------------

function countAll(db: Database.Database): number {
  return Number(prepare(db, `SELECT COALESCE(SUM("n"), 0) FROM "RequestCount"`).pluck().get());
}

/** What the count found: the total, whether it stopped early, and a guess at the whole. */
type Count = {
  total: number;
  /** The count stopped at its limit: there are at least `total` matches. */
  lowerBound: boolean;
  /** Matches to expect, for choosing a plan: the total, or when it stopped early an estimate. */
  estimate: number;
  /** The search is broad: test it on each row rather than build the set of its matches. */
  testSearchPerRow: boolean;
  /**
   * Not counted: a broad search beside filters, where each match counted is a row read
   * and tested (about 4 µs a row at 1,000,000 rows: 10,000 matches took over 300 ms,
   * 1,000 about 25 ms). The page reads one row more than it shows; the total is what
   * the page proves (`countAfter` counts when the page is past the end).
   */
  fromPage: boolean;
};

const exact = (n: number): Count => ({ total: n, lowerBound: false, estimate: n, testSearchPerRow: false, fromPage: false });

function countFilters(db: Database.Database, p: Plan): number {
  if (p.facet) return Number(prepare(db, `SELECT COALESCE(SUM("n"), 0) FROM "RequestCount" ${p.facet.sql}`).pluck().get(...p.facet.params));
  return Number(prepare(db, `SELECT COUNT(*) FROM "DatasetRequest" ${where(p.filters, "seek")}`).pluck().get(...whereParams(p.filters, "seek")));
}

/** 1 when the request numbered `number` passes `filters` but its text does not match (it is found by number), else 0. */
function numberOnly(db: Database.Database, filters: Term[], phrase: string, number: number): number {
  const rest = filters.map((t) => ` AND ${t.seek.sql}`).join("");
  const sql = `SELECT COUNT(*) FROM "DatasetRequest" WHERE "number" = ?${rest}
    AND NOT EXISTS (SELECT 1 FROM "RequestSearch" WHERE "RequestSearch" MATCH ? AND "rowid" = ?)`;
  return Number(prepare(db, sql).pluck().get(number, ...whereParams(filters, "seek"), phrase, number));
}

/** Long text has many trigrams, and the full-text index reads every one's list of rows. */
const LONG_TEXT = 12;
const WINDOW = 5;
const FEW_CANDIDATES = 200;

/**
 * Long text (a whole dataset name: 36 characters, 34 trigrams, about 10 ms in the index
 * at 1,000,000 rows, read twice for a count and a page): look up a few characters of it
 * instead (its start, middle and end), take the rarest if it matches few rows, and test
 * those rows for the whole text (rowTest, exact). About 2 ms. Counting the first
 * FEW_CANDIDATES of each stops early, so a common piece costs little.
 */
function narrowLongText(db: Database.Database, search: Search): void {
  const chars = [...search.text];
  if (chars.length < LONG_TEXT || !search.ftsPhrase || search.number !== null || !search.rowTest) return;
  const starts = [0, Math.floor((chars.length - WINDOW) / 2), chars.length - WINDOW];
  const probe = prepare(db, `SELECT COUNT(*) FROM (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ? LIMIT ${FEW_CANDIDATES})`).pluck();
  let best: { phrase: string; n: number } | null = null;
  for (const start of starts) {
    const phrase = ftsPhrase(chars.slice(start, start + WINDOW).join(""));
    const n = Number(probe.get(phrase));
    if (!best || n < best.n) best = { phrase, n };
  }
  if (!best || best.n >= FEW_CANDIDATES) return;
  const { rowTest } = search;
  search.source = {
    from: `"RequestSearch" CROSS JOIN "DatasetRequest" ON "DatasetRequest"."number" = "RequestSearch"."rowid" WHERE "RequestSearch" MATCH ? AND ${rowTest.sql}`,
    params: [best.phrase, ...rowTest.params],
  };
  // The term is shared with the plan's list of terms: changed in place.
  search.term.seek = { sql: `"DatasetRequest"."number" IN (SELECT "RequestSearch"."rowid" FROM ${search.source.from})`, params: search.source.params };
  search.term.scan = rowTest;
}

/**
 * Count the matches, stopping at `limit` for a free-text search: a broad word matches a
 * large part of the table, and reading every match only to print the total took most
 * of the time (p95 1 s at 1,000,000 rows). Past the limit the total is a lower bound.
 */
function countMatches(db: Database.Database, p: Plan, all: number, limit: number): Count {
  if (!p.search) return exact(countFilters(db, p));
  const { ftsPhrase: phrase, number, rowTest } = p.search;
  if (!phrase) {
    // 1–2 characters: prefix ranges on indexed columns, counted exactly.
    return exact(Number(prepare(db, `SELECT COUNT(*) FROM "DatasetRequest" ${where(p.terms, "seek")}`).pluck().get(...whereParams(p.terms, "seek"))));
  }
  // The full-text index yields its matches in rowid (= number) order and lazily, so
  // counting the first `limit` costs `limit` entries, and how far into the numbers the
  // last one lies tells how dense the matches are: the estimate when there are more.
  const source = p.search.source!;
  const fts = prepare(
    db,
    `SELECT COUNT(*) AS "n", MAX("rowid") AS "last" FROM (SELECT "RequestSearch"."rowid" AS "rowid" FROM ${source.from} ORDER BY "RequestSearch"."rowid" LIMIT ?)`,
  ).get(...source.params, limit) as { n: number; last: number | null };
  const capped = fts.n >= limit;
  let ftsEstimate = fts.n;
  if (capped) {
    const span = prepare(db, `SELECT (SELECT MIN("number") FROM "DatasetRequest") AS "lo", (SELECT MAX("number") FROM "DatasetRequest") AS "hi"`).get() as { lo: number; hi: number };
    ftsEstimate = Math.max(fts.n, Math.round((fts.n * (span.hi - span.lo + 1)) / Math.max(1, fts.last! - span.lo + 1)));
  }
  if (p.filters.length === 0) {
    // Text alone: the index's count, plus the request of that number when the text is
    // one and does not already match it.
    const total = fts.n + (number === null ? 0 : numberOnly(db, [], phrase, number));
    return { total, lowerBound: capped, estimate: capped ? ftsEstimate : total, testSearchPerRow: false, fromPage: false };
  }
  if (!capped || !rowTest) {
    // Few text matches (or no per-row test): count them among the filters' exactly.
    return exact(Number(prepare(db, `SELECT COUNT(*) FROM "DatasetRequest" ${where(p.terms, "seek")}`).pluck().get(...whereParams(p.terms, "seek"))));
  }
  // Many text matches, and filters: the page tells (fromPage). Matches of the two are
  // assumed independent for the estimate.
  // Seeking (when the page does not walk the sort index) goes through the smaller side:
  // the filters' rows, each tested for the text, or the set of text matches.
  const filtered = countFilters(db, p);
  const both = Math.round((ftsEstimate * filtered) / Math.max(1, all));
  return { total: 0, lowerBound: false, estimate: both, testSearchPerRow: filtered < ftsEstimate, fromPage: true };
}

/**
 * Count up to `limit` rows that pass the filters and a broad search: for a page past the
 * end of a fromPage count. Driven by the filters' index, each row tested for the text.
 */
function countBoth(db: Database.Database, p: Plan, limit: number): Count {
  const rowTest = p.search!.rowTest!;
  const sql = `SELECT COUNT(*) FROM (SELECT 1 FROM "DatasetRequest" ${where(p.filters, "seek")} AND ${rowTest.sql} LIMIT ?)`;
  const n = Number(prepare(db, sql).pluck().get(...whereParams(p.filters, "seek"), ...rowTest.params, limit));
  return { total: n, lowerBound: n >= limit, estimate: n, testSearchPerRow: true, fromPage: false };
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
function pickNumbers(query: ListRequestsQuery, p: Plan, form: Form, count: Count, rows: number): { sql: string; params: unknown[] } {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.pageSize;
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
  const terms = count.testSearchPerRow && p.search?.rowTest ? [...p.filters, { seek: p.search.rowTest, scan: p.search.rowTest }] : p.terms;
  const order = column === "number" ? `"DatasetRequest"."number" ${dir}` : `"DatasetRequest"."${column}" ${dir}, "DatasetRequest"."number" ${dir}`;
  return {
    sql: `SELECT "DatasetRequest"."number" FROM "DatasetRequest" ${where(terms, form)} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...whereParams(terms, form), rows, offset],
  };
}

function pageRows(db: Database.Database, query: ListRequestsQuery, p: Plan, count: Count, all: number, force?: Form): Row[] {
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.pageSize;
  const form: Form = force ?? (p.terms.length === 0 || shouldWalk(count.estimate, all, offset + query.pageSize) ? "scan" : "seek");
  const page = pickNumbers(query, p, form, count, query.pageSize + (count.fromPage ? 1 : 0));
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
  options: { form?: "seek" | "scan"; countLimit?: number } = {},
): RequestListResponse {
  const p = plan(query, userId);
  const offset = (query.page - 1) * query.pageSize;
  // Count far enough to know whether this page and the next exist.
  const limit = Math.max(options.countLimit ?? SEARCH_COUNT_LIMIT, offset + query.pageSize) + 1;
  const read = db.transaction(() => {
    if (p.search) narrowLongText(db, p.search);
    const all = countAll(db);
    let count = p.terms.length === 0 ? exact(all) : countMatches(db, p, all, limit);
    if (count.fromPage) {
      const rows = pageRows(db, query, p, count, all, options.form);
      if (rows.length > query.pageSize) return { rows: rows.slice(0, query.pageSize), count: { ...count, total: offset + rows.length, lowerBound: true } };
      if (rows.length > 0 || offset === 0) return { rows, count: { ...count, total: offset + rows.length } };
      count = countBoth(db, p, limit);
    }
    const rows = count.total > offset ? pageRows(db, query, p, count, all, options.form) : [];
    return { rows, count };
  });
  const { rows, count } = read();
  return { items: rows.map(toSummary), total: count.total, totalIsLowerBound: count.lowerBound, page: query.page, pageSize: query.pageSize };
}

// ---- the export ----------------------------------------------------------------
// The export (export-requests.ts) reads a whole view in pages, each page a keyset step
// ("after the last row sent") along the same order as the list, with the same filters
// and search (this file's plan), on the read connection's prepared statements. Each
// page is one short synchronous read, so the export can yield between pages.

/** The last row sent: its sort value (as stored) and number. */
export type ExportCursor = { value: unknown; number: number };

type ExportPlan = { terms: Term[]; form: Form; column: string; dir: "ASC" | "DESC" };

/**
 * The filters and search of a view, and whether to walk the sort index (testing each
 * row) or seek the matches through a filter's index: counted once, at the start. Each
 * page reads EXPORT rows in either case, so the list's own rule decides (shouldWalk
 * with one page as the rows to show): walking reads page × all ÷ matches rows a page,
 * seeking reads every remaining match and keeps the first page of them.
 */
export function planExport(db: Database.Database, query: Omit<ListRequestsQuery, "page" | "pageSize">, userId: string, pageSize: number): ExportPlan {
  const p = plan({ ...query, page: 1, pageSize }, userId);
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  if (p.terms.length === 0) return { terms: [], form: "scan", column, dir };
  return db.transaction(() => {
    if (p.search) narrowLongText(db, p.search);
    const all = countAll(db);
    const count = countMatches(db, p, all, SEARCH_COUNT_LIMIT + 1);
    const terms = count.testSearchPerRow && p.search?.rowTest ? [...p.filters, { seek: p.search.rowTest, scan: p.search.rowTest }] : p.terms;
    return { terms, form: shouldWalk(count.estimate, all, pageSize) ? "scan" : "seek", column, dir } satisfies ExportPlan;
  })();
}

/**
 * Where the rows after `after` are, in the view's order, as one or two ranges read one
 * after the other. SQLite puts NULL first ascending and last descending; only the
 * assignee's name may be NULL. Row values ("(col, number) > (?, ?)") are a range on
 * the sort index, so a page starts where the last one ended instead of walking to it.
 */
function afterRanges(column: string, dir: "ASC" | "DESC", after: ExportCursor | null): { sql: string; params: unknown[] }[] {
  const op = dir === "ASC" ? ">" : "<";
  const col = quote(column);
  const num = quote("number");
  if (column === "number") return [after ? { sql: `${num} ${op} ?`, params: [after.number] } : { sql: "1", params: [] }];
  const past = (a: ExportCursor) => ({ sql: `(${col}, ${num}) ${op} (?, ?)`, params: [a.value, a.number] });
  if (column !== "assigneeName") return [after ? past(after) : { sql: "1", params: [] }];
  const nulls = (a: ExportCursor | null) => ({ sql: `${col} IS NULL${a ? ` AND ${num} ${op} ?` : ""}`, params: a ? [a.number] : [] });
  const named = { sql: `${col} IS NOT NULL`, params: [] };
  if (dir === "ASC") return after === null ? [nulls(null), named] : after.value === null ? [nulls(after), named] : [past(after)];
  return after === null ? [named, nulls(null)] : after.value === null ? [nulls(after)] : [past(after), nulls(null)];
}

/**
 * Up to `limit` rows of the view after `after`, every column plus the two people, in
 * one read transaction. `sortValue` is the row's value of the sort column, as stored.
 */
export function readExportPage(db: Database.Database, ex: ExportPlan, after: ExportCursor | null, limit: number): Record<string, unknown>[] {
  const order = ex.column === "number" ? `${quote("number")} ${ex.dir}` : `${quote(ex.column)} ${ex.dir}, ${quote("number")} ${ex.dir}`;
  return db.transaction(() => {
    const rows: Record<string, unknown>[] = [];
    for (const range of afterRanges(ex.column, ex.dir, after)) {
      const sql = `SELECT "DatasetRequest".*, CAST("DatasetRequest"."estimatedKeyCount" AS TEXT) AS "estimatedKeyCountText",
          ${quote(ex.column)} AS "sortValue",
          "q"."name" AS "requesterName", "q"."email" AS "requesterEmail", "a"."name" AS "assigneeUserName", "a"."email" AS "assigneeEmail"
        FROM "DatasetRequest"
        CROSS JOIN "user" AS "q" ON "q"."id" = "DatasetRequest"."requesterId"
        LEFT JOIN "user" AS "a" ON "a"."id" = "DatasetRequest"."assigneeId"
        WHERE ${[...ex.terms.map((t) => t[ex.form].sql), range.sql].join(" AND ")}
        ORDER BY ${order} LIMIT ?`;
      rows.push(...(prepare(db, sql).all(...whereParams(ex.terms, ex.form), ...range.params, limit - rows.length) as Record<string, unknown>[]));
      if (rows.length >= limit) break;
    }
    return rows;
  })();
}
