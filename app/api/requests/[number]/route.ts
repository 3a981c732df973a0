import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { updateRequestBodySchema } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { updateRequest } from "@/lib/data/requests/update-request";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

type Params = { number: string };

// GET /api/requests/{number} — one request with its history and comments ("KV-12" or "12").
export const GET = withApi<Params>(async ({ params }) => {
  return Response.json(await getRequestByNumber(params.number));
});

// PATCH /api/requests/{number} — edit fields (requester), priority/assignee/checklist (admin);
// carries the version read, in the body or If-Match.
export const PATCH = withApi<Params>(async ({ req, user, params }) => {
  const body = await parseJsonBody(req, updateRequestBodySchema);
  return Response.json(await updateRequest(user, params.number, body, req.headers.get("if-match")));
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, DELETE } = refuseOtherMethods("GET", "PATCH");
