import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { createTokenBodySchema } from "@/lib/schemas/token";
import { createToken, listTokens } from "@/lib/data/tokens/api-tokens";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// Managing tokens takes a browser session: a token cannot list, mint or revoke tokens.

// GET /api/tokens — the caller's working tokens (never their values).
export const GET = withApi(async ({ user }) => Response.json({ items: await listTokens(user) }), { sessionOnly: true });

// POST /api/tokens — a new token; its value is in this response and nowhere else, ever.
export const POST = withApi(
  async ({ req, user }) => {
    const body = await parseJsonBody(req, createTokenBodySchema);
    const created = await createToken(user, body);
    return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { sessionOnly: true },
);

// Any other method: 405 in the error envelope, with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
