import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { similarRequestsQuerySchema } from "@/lib/schemas/similar";
import { findSimilarRequests } from "@/lib/data/requests/find-similar-requests";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/requests/similar?name=&location=&exclude= — live requests that may duplicate
// the one being written (same or similar dataset name, same source location).
export const GET = withApi(async ({ req }) => {
  const query = parseSearchParams(req, similarRequestsQuerySchema);
  return Response.json(await findSimilarRequests(query));
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
