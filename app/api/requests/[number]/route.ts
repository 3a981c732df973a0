import { withApi } from "@/lib/api/with-api";
import { getRequestByNumber } from "@/lib/data/requests/get-request";

// GET /api/requests/{number} — one request with its history and comments ("KV-12" or "12").
export const GET = withApi<{ number: string }>(async ({ params }) => {
  return Response.json(await getRequestByNumber(params.number));
});
