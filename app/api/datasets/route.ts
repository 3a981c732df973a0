import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { listDatasetsQuerySchema } from "@/lib/schemas/dataset";
import { listDatasets } from "@/lib/data/datasets/list-datasets";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/datasets — the catalog: filtered, searched, sorted and paged like the queue.
export const GET = withApi(async ({ req }) => Response.json(await listDatasets(parseSearchParams(req, listDatasetsQuerySchema))));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
