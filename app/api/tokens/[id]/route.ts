import { withApi } from "@/lib/api/with-api";
import { revokeToken } from "@/lib/data/tokens/api-tokens";

// DELETE /api/tokens/{id} — revoke one of the caller's tokens; it stops working at once.
export const DELETE = withApi<{ id: string }>(
  async ({ user, params }) => {
    await revokeToken(user, params.id);
    return new Response(null, { status: 204 });
  },
  { sessionOnly: true },
);
