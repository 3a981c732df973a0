import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { findDataset } from "@/lib/data/datasets/get-dataset";
import { getRequestByDatasetName } from "@/lib/data/requests/get-request";
import { loadOr404, RequestPage, type RequestPageSearch } from "@/components/requests/request-page";
import { DatasetView } from "@/components/datasets/dataset-view";

type Props = { params: Promise<{ datasetName: string }>; searchParams: RequestPageSearch };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).datasetName) };
}

// The dataset's page by name (tooling and the queue link here). A name that never was a
// dataset shows its request, live or the latest retired one, so an old link still
// explains itself; no request either: 404.
export default async function DatasetPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const name = decodeURIComponent((await params).datasetName);
  const dataset = await findDataset(name);
  if (dataset) return <DatasetView dataset={dataset} user={user} />;
  return <RequestPage user={user} search={searchParams} request={await loadOr404(() => getRequestByDatasetName(name, { includeRetired: true }))} />;
}
