import { withApi } from "@/lib/api/with-api";
import { deleteWebhook } from "@/lib/data/webhooks/webhooks";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// DELETE /api/webhooks/{id} — admins: no more deliveries to it; what was pending is given up.
export const DELETE = withApi<{ id: string }>(
  async ({ user, params }) => {
    await deleteWebhook(user, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

// Any other method: 405 in the error envelope, with Allow.
export const { GET, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
