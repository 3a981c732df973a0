// The catalog: datasets filtered, searched, sorted and paged by the database. Every sort
// has an index ending with the id (schema.prisma), so a page is an index walk; the
// status DECOMMISSIONING (a live dataset with an open DECOMMISSION request) is read
// from the unique openAmendment index, a few rows.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DatasetListResponse, DatasetSummary, ListDatasetsQuery } from "@/lib/schemas/dataset";
import { toDatasetSummary } from "@/lib/data/datasets/dataset-dto";

const DECOMMISSION = "DECOMMISSION:";

/** Names of live datasets with an open DECOMMISSION request. */
async function decommissioningNames(): Promise<string[]> {
  const rows = await db.datasetRequest.findMany({ where: { openAmendment: { startsWith: DECOMMISSION } }, select: { openAmendment: true } });
  return rows.map((r) => r.openAmendment!.slice(DECOMMISSION.length));
}

export type CatalogFilters = Omit<ListDatasetsQuery, "page" | "pageSize">;

function whereOf(query: CatalogFilters, decommissioning: string[]): Prisma.DatasetWhereInput {
  const and: Prisma.DatasetWhereInput[] = [];
  if (query.status === "DECOMMISSIONED") and.push({ status: "DECOMMISSIONED" });
  if (query.status === "DECOMMISSIONING") and.push({ liveName: { in: decommissioning } });
  if (query.status === "LIVE") and.push({ status: "LIVE", liveName: { notIn: decommissioning } });
  if (query.team) and.push({ ownerTeam: query.team });
  // Region codes are no substring of one another.
  if (query.region) and.push({ regions: { contains: query.region } });
  if (query.classification) and.push({ dataClassification: query.classification });
  if (query.keyFormat) and.push({ keyFormat: query.keyFormat });
  if (query.valueFormat) and.push({ valueFormat: query.valueFormat });
  if (query.q) and.push({ OR: [{ name: { contains: query.q } }, { ownerTeam: { contains: query.q } }, { useCase: { contains: query.q } }] });
  return { AND: and };
}

/** One page of the catalog, in the query's order, ties broken by id. */
export async function listDatasets(query: ListDatasetsQuery): Promise<DatasetListResponse> {
  const decommissioning = await decommissioningNames();
  const where = whereOf(query, decommissioning);
  const [rows, total] = await Promise.all([
    db.dataset.findMany({
      where,
      orderBy: [{ [query.sort]: query.order }, { id: query.order }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.dataset.count({ where }),
  ]);
  const open = new Set(decommissioning);
  return { items: rows.map((r) => toDatasetSummary(r, r.status === "LIVE" && open.has(r.name))), total, page: query.page, pageSize: query.pageSize };
}

/** Every dataset of a catalog view, page by page (the export). */
export async function* allDatasets(query: CatalogFilters): AsyncGenerator<DatasetSummary[]> {
  for (let page = 1; ; page++) {
    const { items } = await listDatasets({ ...query, page, pageSize: 100 });
    if (items.length) yield items;
    if (items.length < 100) return;
  }
}
