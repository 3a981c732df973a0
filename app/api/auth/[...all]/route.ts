// better-auth's own endpoints (sign-in, sign-out, session) under /api/auth, with errors in
// the app's envelope and a per-account limit on wrong passwords.
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { withErrorEnvelope } from "@/lib/api/auth-envelope";
import { withSignInGuard } from "@/lib/security/sign-in-guard";

const handlers = toNextJsHandler(auth);

export const GET = withErrorEnvelope(handlers.GET);
export const POST = withErrorEnvelope(withSignInGuard(handlers.POST));
