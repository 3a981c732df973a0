import "server-only";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import type { Dialect } from "@/lib/db/sql/dialect";
import { rows as readRows, type Read } from "@/lib/db/sql/reads";
import { SORT_COLUMN, quote, type Form, type Term } from "./terms";
import { plan, readTerms, whereParams } from "./plan";
import { shouldWalk } from "./page";
import { requestColumns } from "@/lib/data/requests/request-row";
import { countAll, countMatches, narrowLongText, SEARCH_COUNT_LIMIT } from "./count";
import { afterRanges, type SortPosition } from "./keyset";

// The export (export-requests.ts) reads a whole view in pages, each page a keyset step
// ("after the last row sent") along the same order as the list, with the same filters
// and search (this file's plan). Each page is one short read (on SQLite synchronous, on
// the read connection's prepared statements), so the export can yield between pages.

/** The last row sent: its sort value (as stored) and number. */
export type ExportCursor = SortPosition;

export type ExportPlan = { terms: Term[]; form: Form; column: string; dir: "ASC" | "DESC"; dialect: Dialect };

/**
 * The filters and search of a view, and whether to walk the sort index (testing each
 * row) or seek the matches through a filter's index: counted once, at the start. Each
 * page reads EXPORT rows in either case, so the list's own rule decides (shouldWalk
 * with one page as the rows to show): walking reads page × all ÷ matches rows a page,
 * seeking reads every remaining match and keeps the first page of them.
 */
export function* planExport(query: Omit<ListRequestsQuery, "page" | "pageSize">, userId: string, pageSize: number, dialect: Dialect): Read<ExportPlan> {
  const p = plan({ ...query, page: 1, pageSize }, userId, dialect);
  const column = SORT_COLUMN[query.sort];
  const dir = query.order === "asc" ? "ASC" : "DESC";
  if (p.terms.length === 0) return { terms: [], form: "scan", column, dir, dialect };
  if (p.search) yield* narrowLongText(p.search);
  const all = yield* countAll();
  const count = yield* countMatches(p, all, SEARCH_COUNT_LIMIT + 1);
  const terms = readTerms(p, count.testSearchPerRow);
  return { terms, form: shouldWalk(count.estimate, all, pageSize) ? "scan" : "seek", column, dir, dialect };
}

/**
 * Up to `limit` rows of the view after `after`, every column plus the two people, in
 * one read transaction. `sortValue` is the row's value of the sort column, as stored.
 */
export function* readExportPage(ex: ExportPlan, after: ExportCursor | null, limit: number): Read<Record<string, unknown>[]> {
  const sorted = ex.column === "assigneeName" ? ex.dialect.orderNullable(quote(ex.column), ex.dir) : `${quote(ex.column)} ${ex.dir}`;
  const order = ex.column === "number" ? `${quote("number")} ${ex.dir}` : `${sorted}, ${quote("number")} ${ex.dir}`;
  const join = ex.dialect.fixedJoin;
  const rows: Record<string, unknown>[] = [];
  for (const range of afterRanges(ex.column, ex.dir, after)) {
    const sql = `SELECT ${requestColumns(`"DatasetRequest"`)},
          ${quote(ex.column)} AS "sortValue",
          "q"."name" AS "requesterName", "q"."email" AS "requesterEmail", "a"."name" AS "assigneeUserName", "a"."email" AS "assigneeEmail"
        FROM "DatasetRequest"
        ${join} "user" AS "q" ON "q"."id" = "DatasetRequest"."requesterId"
        LEFT JOIN "user" AS "a" ON "a"."id" = "DatasetRequest"."assigneeId"
        WHERE ${[...ex.terms.map((t) => t[ex.form].sql), range.sql].join(" AND ")}
        ORDER BY ${order} LIMIT ?`;
    rows.push(...(yield* readRows<Record<string, unknown>>(sql, [...whereParams(ex.terms, ex.form), ...range.params, limit - rows.length])));
    if (rows.length >= limit) break;
  }
  return rows;
}
