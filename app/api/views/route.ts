import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { createViewBodySchema } from "@/lib/schemas/view";
import { createView, listViews } from "@/lib/data/views/saved-views";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/views — the caller's saved queue views, by name.
export const GET = withApi(async ({ user }) => Response.json({ items: await listViews(user) }));

// POST /api/views — name the queue view of a query string; 201 with the view.
export const POST = withApi(async ({ req, user }) => {
  const body = await parseJsonBody(req, createViewBodySchema);
  return Response.json(await createView(user, body), { status: 201 });
});

// Any other method: 405 in the error envelope, with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
