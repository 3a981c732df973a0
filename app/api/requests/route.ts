import { withApi } from "@/lib/api/with-api";
import { parseJsonBody, parseSearchParams } from "@/lib/api/parse";
import { createRequestBodySchema, listPageQuerySchema } from "@/lib/schemas/request";
import { listRequests } from "@/lib/data/requests/list-requests";
import { createRequest } from "@/lib/data/requests/create-request";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/requests — the queue: filter, sort and page on the server (from a cursor: after=).
export const GET = withApi(async ({ req, user }) => {
  const { after, ...query } = parseSearchParams(req, listPageQuerySchema);
  return Response.json(await listRequests(query, user, after));
});

// POST /api/requests — submit a new request; 201 with its URL in Location.
export const POST = withApi(async ({ req, user }) => {
  const body = await parseJsonBody(req, createRequestBodySchema);
  const created = await createRequest(user, body);
  return Response.json(created, { status: 201, headers: { Location: `/api/requests/${created.number}` } });
});

// Any other method: 405 in the error envelope, with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
