import { withApi } from "@/lib/api/with-api";
import type { MeResponse } from "@/lib/schemas/token";

// GET /api/me — who the API takes the caller for (kvctl login checks a token with it).
export const GET = withApi(async ({ user, auth }) =>
  Response.json({ ...user, authenticatedWith: auth.via, token: auth.token } satisfies MeResponse),
);
