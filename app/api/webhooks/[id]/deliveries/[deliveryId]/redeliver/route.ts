import { withApi } from "@/lib/api/with-api";
import { redeliverWebhook } from "@/lib/data/webhooks/webhooks";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver — admins: deliver it again (same id and body).
export const POST = withApi<{ id: string; deliveryId: string }>(
  async ({ user, params }) => Response.json(await redeliverWebhook(user, params.id, decoded(params.deliveryId)), { status: 202 }),
  { role: "ADMIN" },
);

/** Delivery ids hold colons, which a client may send percent-encoded; a bad escape is just an unknown id. */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
