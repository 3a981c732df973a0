// Counting a view's matches: from RequestCount, along a filter's index, or in the full-text index up to a limit.
import "server-only";
import type { Term } from "./terms";
import { ftsPhrase, type Search } from "./search";
import { plan, where, whereParams, type Plan } from "./plan";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import type { Dialect } from "@/lib/db/sql/dialect";
import { count, row, type Read } from "@/lib/db/sql/reads";

/**
 * A free-text search counts its matches up to one more than this (or than the rows up
 * to the end of the page asked for); past that the total is a lower bound ("more than
 * 1000"): nobody pages through a thousand matches, they narrow the search.
 * It was 10,000. PostgreSQL's trigram index cannot hand out matches lazily in number
 * order as SQLite's full-text index does, so each counted match is a row read and tested
 * with ILIKE (~3 µs): a broad word took 300–500 ms to count to 10,001 at 1,000,000 rows.
 */
export const SEARCH_COUNT_LIMIT = 1_000;

export function* countAll(): Read<number> {
  return yield* count(`SELECT COALESCE(SUM("n"), 0) FROM "RequestCount"`);
}

/** What the count found: the total, whether it stopped early, and a guess at the whole. */
export type Count = {
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

export const exact = (n: number): Count => ({ total: n, lowerBound: false, estimate: n, testSearchPerRow: false, fromPage: false });

function* countFilters(p: Plan): Read<number> {
  if (p.facet) return yield* count(`SELECT COALESCE(SUM("n"), 0) FROM "RequestCount" ${p.facet.sql}`, p.facet.params);
  return yield* count(`SELECT COUNT(*) FROM "DatasetRequest" ${where(p.filters, "seek")}`, whereParams(p.filters, "seek"));
}

/** 1 when the request numbered `number` passes `filters` but its text does not match (it is found by number), else 0. */
function* numberOnly(filters: Term[], phrase: string, number: number): Read<number> {
  const rest = filters.map((t) => ` AND ${t.seek.sql}`).join("");
  const sql = `SELECT COUNT(*) FROM "DatasetRequest" WHERE "number" = ?${rest}
    AND NOT EXISTS (SELECT 1 FROM "RequestSearch" WHERE "RequestSearch" MATCH ? AND "rowid" = ?)`;
  return yield* count(sql, [number, ...whereParams(filters, "seek"), phrase, number]);
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
export function* narrowLongText(search: Search): Read<void> {
  const chars = [...search.text];
  if (chars.length < LONG_TEXT || !search.ftsPhrase || search.number !== null || !search.rowTest) return;
  const starts = [0, Math.floor((chars.length - WINDOW) / 2), chars.length - WINDOW];
  let best: { phrase: string; n: number } | null = null;
  for (const start of starts) {
    const phrase = ftsPhrase(chars.slice(start, start + WINDOW).join(""));
    const n = yield* count(`SELECT COUNT(*) FROM (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ? LIMIT ${FEW_CANDIDATES})`, [phrase]);
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
export function* countMatches(p: Plan, all: number, limit: number): Read<Count> {
  if (!p.search) return exact(yield* countFilters(p));
  const { ftsPhrase: phrase, number, rowTest } = p.search;
  if (!phrase && rowTest) {
    // PostgreSQL's substring search (containsSearch): the matches beside the filters,
    // counted up to the limit through the trigram indexes.
    const n = yield* count(`SELECT COUNT(*) FROM (SELECT 1 FROM "DatasetRequest" ${where(p.terms, "seek")} LIMIT ?) AS "m"`, [
      ...whereParams(p.terms, "seek"),
      limit,
    ]);
    return { total: n, lowerBound: n >= limit, estimate: n, testSearchPerRow: false, fromPage: false };
  }
  if (!phrase) {
    // 1–2 characters: prefix ranges on indexed columns, counted exactly.
    return exact(yield* count(`SELECT COUNT(*) FROM "DatasetRequest" ${where(p.terms, "seek")}`, whereParams(p.terms, "seek")));
  }
  // The full-text index yields its matches in rowid (= number) order and lazily, so
  // counting the first `limit` costs `limit` entries, and how far into the numbers the
  // last one lies tells how dense the matches are: the estimate when there are more.
  const source = p.search.source!;
  const fts = (yield* row<{ n: number; last: number | null }>(
    `SELECT COUNT(*) AS "n", MAX("rowid") AS "last" FROM (SELECT "RequestSearch"."rowid" AS "rowid" FROM ${source.from} ORDER BY "RequestSearch"."rowid" LIMIT ?)`,
    [...source.params, limit],
  ))!;
  const capped = fts.n >= limit;
  let ftsEstimate = fts.n;
  if (capped) {
    const span = (yield* row<{ lo: number; hi: number }>(
      `SELECT (SELECT MIN("number") FROM "DatasetRequest") AS "lo", (SELECT MAX("number") FROM "DatasetRequest") AS "hi"`,
    ))!;
    ftsEstimate = Math.max(fts.n, Math.round((fts.n * (span.hi - span.lo + 1)) / Math.max(1, fts.last! - span.lo + 1)));
  }
  if (p.filters.length === 0) {
    // Text alone: the index's count, plus the request of that number when the text is
    // one and does not already match it.
    const total = fts.n + (number === null ? 0 : yield* numberOnly([], phrase, number));
    return { total, lowerBound: capped, estimate: capped ? ftsEstimate : total, testSearchPerRow: false, fromPage: false };
  }
  if (!capped || !rowTest) {
    // Few text matches (or no per-row test): count them among the filters' exactly.
    return exact(yield* count(`SELECT COUNT(*) FROM "DatasetRequest" ${where(p.terms, "seek")}`, whereParams(p.terms, "seek")));
  }
  // Many text matches, and filters: the page tells (fromPage). Matches of the two are
  // assumed independent for the estimate.
  // Seeking (when the page does not walk the sort index) goes through the smaller side:
  // the filters' rows, each tested for the text, or the set of text matches.
  const filtered = yield* countFilters(p);
  const both = Math.round((ftsEstimate * filtered) / Math.max(1, all));
  return { total: 0, lowerBound: false, estimate: both, testSearchPerRow: filtered < ftsEstimate, fromPage: true };
}

/**
 * Count up to `limit` rows that pass the filters and a broad search: for a page past the
 * end of a fromPage count. Driven by the filters' index, each row tested for the text.
 */
export function* countBoth(p: Plan, limit: number): Read<Count> {
  const rowTest = p.search!.rowTest!;
  const sql = `SELECT COUNT(*) FROM (SELECT 1 FROM "DatasetRequest" ${where(p.filters, "seek")} AND ${rowTest.sql} LIMIT ?) AS "m"`;
  const n = yield* count(sql, [...whereParams(p.filters, "seek"), ...rowTest.params, limit]);
  return { total: n, lowerBound: n >= limit, estimate: n, testSearchPerRow: true, fromPage: false };
}

/** The exact number of requests a view without free text holds (the queue presets' counts). */
export function* countView(query: ListRequestsQuery, userId: string, dialect: Dialect, now: number): Read<number> {
  const p = plan({ ...query, q: undefined }, userId, dialect, now);
  return p.terms.length === 0 ? yield* countAll() : yield* countFilters(p);
}
