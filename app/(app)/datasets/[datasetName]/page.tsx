import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getRequestByDatasetName } from "@/lib/data/requests/get-request";
import { loadOr404, RequestPage } from "@/components/requests/request-page";

type Props = { params: Promise<{ datasetName: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).datasetName) };
}

// The dataset page by name, for links from tooling: the live request, or the latest
// retired one so an old link still explains itself.
export default async function DatasetPage({ params }: Props) {
  const user = await requireUser();
  const name = decodeURIComponent((await params).datasetName);
  return <RequestPage user={user} request={await loadOr404(() => getRequestByDatasetName(name, { includeRetired: true }))} />;
}
