import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { bulkTransitionBodySchema } from "@/lib/schemas/request";
import { bulkTransition } from "@/lib/data/requests/bulk-transition";

// POST /api/requests/bulk-transitions — admins: { numbers, to, note? }; a result per request.
export const POST = withApi(
  async ({ req, user }) => {
    const body = await parseJsonBody(req, bulkTransitionBodySchema);
    return Response.json(await bulkTransition(user, body));
  },
  { role: "ADMIN" },
);
