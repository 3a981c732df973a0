import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { listDatasets } from "@/lib/data/datasets/list-datasets";
import { listDatasetsQuerySchema } from "@/lib/schemas/dataset";
import { DatasetCatalog } from "@/components/datasets/dataset-catalog";

export const metadata: Metadata = { title: "Datasets" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const VIEW_KEYS = ["q", "status", "team", "region", "classification", "keyFormat", "valueFormat", "sort", "order", "page"] as const;

// Server shell: the catalog's view lives in the URL and is answered by the database.
export default async function DatasetsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const raw = await searchParams;
  const view: Record<string, string> = {};
  for (const key of VIEW_KEYS) {
    const value = raw[key];
    if (typeof value === "string" && value !== "") view[key] = value;
  }
  // A hand-edited URL with a bad value shows the default view rather than an error.
  const parsed = listDatasetsQuerySchema.safeParse(view);
  const query = parsed.success ? parsed.data : listDatasetsQuerySchema.parse({});
  const list = await listDatasets(query);
  return (
    <DatasetCatalog
      list={list}
      view={{
        q: query.q ?? "",
        status: query.status ?? "",
        team: query.team ?? "",
        region: query.region ?? "",
        classification: query.classification ?? "",
        keyFormat: query.keyFormat ?? "",
        valueFormat: query.valueFormat ?? "",
        sort: query.sort,
        order: query.order,
      }}
    />
  );
}
