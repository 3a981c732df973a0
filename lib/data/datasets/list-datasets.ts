// The catalog: datasets filtered, searched, sorted and paged by the database, in SQL on
// the read connection. Every sort has an index ending with the id (schema.prisma), so a
// page is an index walk; search uses the trigram index DatasetSearch (migration
// 20261202300000) for three characters or more; DECOMMISSIONING (a live dataset with an
// open DECOMMISSION request) is read from the unique openAmendment index, a few rows.
import "server-only";
import { readConnection } from "@/lib/db/sqlite-connections";
import type { DatasetListResponse, DatasetSortField, DatasetSummary, ListDatasetsQuery } from "@/lib/schemas/dataset";
import { toDatasetSummary } from "@/lib/data/datasets/dataset-dto";
import { isoFromSqlite } from "@/lib/data/requests/list-query";
import { containsPattern, ftsPhrase, MIN_SUBSTRING_LENGTH } from "@/lib/data/requests/list-query/search";

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

function whereOf(query: CatalogFilters): { sql: string; params: unknown[] } {
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
    and.push(`instr("regions", ?) > 0`);
    params.push(query.region);
  }
  if (query.q && [...query.q].length >= MIN_SUBSTRING_LENGTH) {
    and.push(`"id" IN (SELECT "rowid" FROM "DatasetSearch" WHERE "DatasetSearch" MATCH ?)`);
    params.push(ftsPhrase(query.q));
  } else if (query.q) {
    and.push(`("name" LIKE ? ESCAPE '\\' OR "ownerTeam" LIKE ? ESCAPE '\\' OR "useCase" LIKE ? ESCAPE '\\')`);
    params.push(...Array(3).fill(containsPattern(query.q)));
  }
  return { sql: and.length ? `WHERE ${and.join(" AND ")}` : "", params };
}

type Row = Parameters<typeof toDatasetSummary>[0] & { decommissioning: number };

/** One page of the catalog, in the query's order, ties broken by id. One read transaction: one snapshot. */
export async function listDatasets(query: ListDatasetsQuery): Promise<DatasetListResponse> {
  const db = readConnection();
  const where = whereOf(query);
  const order = query.order === "desc" ? "DESC" : "ASC";
  return db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT *, ("liveName" IN (${DECOMMISSIONING})) AS "decommissioning" FROM "Dataset" ${where.sql}
         ORDER BY ${SORT_COLUMN[query.sort]} ${order}, "id" ${order} LIMIT ? OFFSET ?`,
      )
      .all(...where.params, query.pageSize, (query.page - 1) * query.pageSize) as Row[];
    const total = db
      .prepare(`SELECT COUNT(*) FROM "Dataset" ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
    const items = rows.map((r) =>
      toDatasetSummary({ ...r, createdAt: isoFromSqlite(r.createdAt), updatedAt: isoFromSqlite(r.updatedAt) }, r.decommissioning === 1),
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  })();
}

/** Every dataset of a catalog view, page by page (the export). */
export async function* allDatasets(query: CatalogFilters): AsyncGenerator<DatasetSummary[]> {
  for (let page = 1; ; page++) {
    const { items } = await listDatasets({ ...query, page, pageSize: 100 });
    if (items.length) yield items;
    if (items.length < 100) return;
  }
}
