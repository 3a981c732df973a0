import { withApi } from "@/lib/api/with-api";
import { getRequestByDatasetName } from "@/lib/data/requests/get-request";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/datasets/{datasetName} — current metadata of the live request for a dataset.
export const GET = withApi<{ datasetName: string }>(async ({ params }) => {
  return Response.json(await getRequestByDatasetName(params.datasetName));
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
