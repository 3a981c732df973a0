import { withApi } from "@/lib/api/with-api";
import type { MeResponse } from "@/lib/schemas/token";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/me — who the API takes the caller for (kvctl login checks a token with it).
export const GET = withApi(async ({ user, auth }) => Response.json({ ...user, authenticatedWith: auth.via, token: auth.token } satisfies MeResponse));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
