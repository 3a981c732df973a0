import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { bulkTransitionBodySchema } from "@/lib/schemas/request";
import { bulkTransition } from "@/lib/data/requests/bulk-transition";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// POST /api/requests/bulk-transitions — admins: { numbers, to, note? }; a result per request.
export const POST = withApi(
  async ({ req, user }) => {
    const body = await parseJsonBody(req, bulkTransitionBodySchema);
    return Response.json(await bulkTransition(user, body));
  },
  { role: "ADMIN" },
);

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
