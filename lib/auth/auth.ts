// better-auth: email + password sessions for the demo users (and any user whose
// account row holds a password), in httpOnly cookies, stored through Prisma.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { env, publicBaseUrl, trustedOrigins } from "@/lib/env";

const baseURL = publicBaseUrl();

export const auth = betterAuth({
  appName: "KVStore App",
  secret: env().BETTER_AUTH_SECRET,
  baseURL,
  trustedOrigins: trustedOrigins(),
  database: prismaAdapter(db, { provider: "sqlite" }),
  emailAndPassword: { enabled: true, disableSignUp: true },
  user: {
    additionalFields: {
      role: { type: "string", required: false, defaultValue: "REQUESTER", input: false },
      team: { type: "string", required: false, input: false },
    },
  },
  session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
  rateLimit: {
    enabled: true,
    window: 60,
    max: 300,
    // Slow down password guessing without locking out a person who mistypes.
    customRules: { "/sign-in/email": { window: 60, max: env().SIGN_IN_ATTEMPTS_PER_MINUTE } },
  },
  telemetry: { enabled: false },
  // nextCookies lets the sign-in server action set the session cookie; keep it last.
  plugins: [nextCookies()],
});
