// better-auth's own endpoints (sign-in, sign-out, session) under /api/auth.
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const { GET, POST } = toNextJsHandler(auth);
