import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { updateDatasetBodySchema } from "@/lib/schemas/dataset";
import { getDataset } from "@/lib/data/datasets/get-dataset";
import { updateDataset } from "@/lib/data/datasets/update-dataset";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/datasets/{datasetName} — the dataset: metadata, provisioned facts, links, history and requests.
export const GET = withApi<{ datasetName: string }>(async ({ params }) => Response.json(await getDataset(params.datasetName)));

// PATCH /api/datasets/{datasetName} — admins and their tools set provisioned facts and links; each change is recorded.
export const PATCH = withApi<{ datasetName: string }>(
  async ({ req, user, params }) => Response.json(await updateDataset(user, params.datasetName, await parseJsonBody(req, updateDatasetBodySchema))),
  { role: "ADMIN" },
);

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, DELETE } = refuseOtherMethods("GET", "PATCH");
