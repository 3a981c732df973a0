// The catalog: datasets filtered, searched, sorted and paged by the database, in SQL
// written once for SQLite and PostgreSQL (lib/db/sql). Every sort has an index ending
// with the id (schema.prisma), so a page is an index walk; search uses a trigram index
// (searchOf) for three characters or more; DECOMMISSIONING (a live dataset with an
// open DECOMMISSION request) is read from the unique openAmendment index, a few rows.
import "server-only";
import type { DatasetListResponse, DatasetSortField, DatasetSummary, ListDatasetsQuery } from "@/lib/schemas/dataset";
import { toDatasetSummary } from "@/lib/data/datasets/dataset-dto";
import { isoFromSqlite } from "@/lib/data/requests/list-query";
import { containsAny, containsPattern, ftsPhrase, MIN_SUBSTRING_LENGTH } from "@/lib/data/requests/list-query/search";
import { readDatabase } from "@/lib/db/sql/database";
import type { Dialect } from "@/lib/db/sql/dialect";
import { count, rows, type Read } from "@/lib/db/sql/reads";

export type CatalogFilters = Omit<ListDatasetsQuery, "page" | "pageSize">;

const SORT_COLUMN: Record<DatasetSortField, string> = {
  name: `"name"`,
  ownerTeam: `"ownerTeam"`,
  status: `"status"`,
  estimatedSizeGb: `"estimatedSizeGb"`,
  createdAt: `"createdAt"`,
  updatedAt: `"updatedAt"`,
};
/** Names of live datasets with an open DECOMMISSION request ("DECOMMISSION:<name>" in the unique index). */
const DECOMMISSIONING = `SELECT substr("openAmendment", 14) FROM "DatasetRequest" WHERE "openAmendment" >= 'DECOMMISSION:' AND "openAmendment" < 'DECOMMISSION;'`;
const SEARCHED_COLUMNS = [`"name"`, `"ownerTeam"`, `"useCase"`];

/**
 * Free text within a name, team or use case, ignoring case. SQLite: three characters or
 * more through its FTS5 trigram table; PostgreSQL: ILIKE, which the pg_trgm index
 * Dataset_search_trgm answers. Shorter text: LIKE (ILIKE) on both, over a few rows' worth
 * of catalog. tests/data/search-parity.test.ts checks the two agree.
 */
function searchOf(q: string, dialect: Dialect): { sql: string; params: unknown[] } {
  if ([...q].length >= MIN_SUBSTRING_LENGTH && dialect.kind === "sqlite") {
    return { sql: `"id" IN (SELECT "rowid" FROM "DatasetSearch" WHERE "DatasetSearch" MATCH ?)`, params: [ftsPhrase(q)] };
  }
  return containsAny(SEARCHED_COLUMNS, q, dialect);
}

function whereOf(query: CatalogFilters, dialect: Dialect): { sql: string; params: unknown[] } {
  const and: string[] = [];
  const params: unknown[] = [];
  if (query.status === "DECOMMISSIONED") and.push(`"status" = 'DECOMMISSIONED'`);
  if (query.status === "DECOMMISSIONING") and.push(`"liveName" IN (${DECOMMISSIONING})`);
  if (query.status === "LIVE") and.push(`"status" = 'LIVE' AND "liveName" NOT IN (${DECOMMISSIONING})`);
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    and.push(`"${column}" = ?`);
    params.push(value);
  };
  equal("ownerTeam", query.team);
  equal("dataClassification", query.classification);
  equal("keyFormat", query.keyFormat);
  equal("valueFormat", query.valueFormat);
  // Region codes are no substring of one another.
  if (query.region) {
    and.push(`"regions" LIKE ? ESCAPE '\\'`);
    params.push(containsPattern(query.region));
  }
  if (query.q) {
    const search = searchOf(query.q, dialect);
    and.push(search.sql);
    params.push(...search.params);
  }
  return { sql: and.length ? `WHERE ${and.join(" AND ")}` : "", params };
}

/** A raw row; "decommissioning" is 0/1 from SQLite, a boolean from PostgreSQL. */
type Row = Parameters<typeof toDatasetSummary>[0] & { decommissioning: number | boolean };

/** One page of the catalog and its total, in the query's order, ties broken by id (one read: one snapshot). */
export function* catalogPage(query: ListDatasetsQuery, dialect: Dialect): Read<DatasetListResponse> {
  const where = whereOf(query, dialect);
  const order = query.order === "desc" ? "DESC" : "ASC";
  const page = yield* rows<Row>(
    `SELECT *, ("liveName" IN (${DECOMMISSIONING})) AS "decommissioning" FROM "Dataset" ${where.sql}
     ORDER BY ${SORT_COLUMN[query.sort]} ${order}, "id" ${order} LIMIT ? OFFSET ?`,
    [...where.params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const total = yield* count(`SELECT COUNT(*) FROM "Dataset" ${where.sql}`, where.params);
  const items = page.map((r) =>
    toDatasetSummary({ ...r, createdAt: isoFromSqlite(r.createdAt), updatedAt: isoFromSqlite(r.updatedAt) }, Boolean(r.decommissioning)),
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** One page of the catalog (SQLite: synchronously on the read connection, as before). */
export async function listDatasets(query: ListDatasetsQuery): Promise<DatasetListResponse> {
  return readDatabase((dialect) => catalogPage(query, dialect));
}

/** Every dataset of a catalog view, page by page (the export). */
export async function* allDatasets(query: CatalogFilters): AsyncGenerator<DatasetSummary[]> {
  for (let page = 1; ; page++) {
    const { items } = await listDatasets({ ...query, page, pageSize: 100 });
    if (items.length) yield items;
    if (items.length < 100) return;
  }
}
