import { withApi } from "@/lib/api/with-api";
import { revokeToken } from "@/lib/data/tokens/api-tokens";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// DELETE /api/tokens/{id} — revoke one of the caller's tokens; it stops working at once.
export const DELETE = withApi<{ id: string }>(
  async ({ user, params }) => {
    await revokeToken(user, params.id);
    return new Response(null, { status: 204 });
  },
  { sessionOnly: true },
);

// Any other method: 405 in the error envelope, with Allow.
export const { GET, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
