import { withApi } from "@/lib/api/with-api";
import { listWebhookDeliveries } from "@/lib/data/webhooks/webhooks";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/webhooks/{id}/deliveries — admins: the endpoint's latest deliveries with their latest attempt.
export const GET = withApi<{ id: string }>(async ({ user, params }) => Response.json({ items: await listWebhookDeliveries(user, params.id) }), {
  role: "ADMIN",
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
