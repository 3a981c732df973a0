import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { bulkUpdateBodySchema } from "@/lib/schemas/request";
import { bulkUpdate } from "@/lib/data/requests/bulk-update";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// POST /api/requests/bulk-updates — admins: { numbers, assigneeId?, priority? }; a result per request.
export const POST = withApi(
  async ({ req, user }) => {
    const body = await parseJsonBody(req, bulkUpdateBodySchema);
    return Response.json(await bulkUpdate(user, body));
  },
  { role: "ADMIN" },
);

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
