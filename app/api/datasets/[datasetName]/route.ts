import { withApi } from "@/lib/api/with-api";
import { getRequestByDatasetName } from "@/lib/data/requests/get-request";

// GET /api/datasets/{datasetName} — current metadata of the live request for a dataset.
export const GET = withApi<{ datasetName: string }>(async ({ params }) => {
  return Response.json(await getRequestByDatasetName(params.datasetName));
});
