// better-auth's endpoints that the app uses (sign-in, sign-out, session) under /api/auth,
// with errors in the app's envelope and a per-account limit on wrong passwords.
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { withErrorEnvelope } from "@/lib/api/auth-envelope";
import { withUsedEndpointsOnly } from "@/lib/auth/auth-endpoints";
import { withSignInGuard } from "@/lib/security/sign-in-guard";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

const handlers = toNextJsHandler(auth);

export const GET = withErrorEnvelope(withUsedEndpointsOnly(handlers.GET));
export const POST = withErrorEnvelope(withUsedEndpointsOnly(withSignInGuard(handlers.POST)));

// Any other method: 405 in the error envelope, with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
