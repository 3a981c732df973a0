import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { createWebhookBodySchema } from "@/lib/schemas/webhook";
import { createWebhook, listWebhooks } from "@/lib/data/webhooks/webhooks";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/webhooks — admins: the registered endpoints (never their secrets).
export const GET = withApi(async ({ user }) => Response.json({ items: await listWebhooks(user) }), { role: "ADMIN" });

// POST /api/webhooks — admins: a new endpoint; its secret is in this response and nowhere else, ever.
export const POST = withApi(
  async ({ req, user }) => {
    const created = await createWebhook(user, await parseJsonBody(req, createWebhookBodySchema));
    return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { role: "ADMIN" },
);

// Any other method: 405 in the error envelope, with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
