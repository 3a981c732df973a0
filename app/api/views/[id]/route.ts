import { withApi } from "@/lib/api/with-api";
import { deleteView } from "@/lib/data/views/saved-views";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// DELETE /api/views/{id} — delete one of the caller's views (someone else's: 404).
export const DELETE = withApi<{ id: string }>(async ({ user, params }) => {
  await deleteView(user, params.id);
  return new Response(null, { status: 204 });
});

// Any other method: 405 in the error envelope, with Allow.
export const { GET, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
