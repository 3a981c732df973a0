// better-auth: email + password sessions for the demo users (and any user whose
// account row holds a password), in httpOnly cookies, stored through Prisma.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { APIError } from "better-auth/api";
import { env, publicBaseUrl, trustedOrigins } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/security/client-address";
import { personNameSchema } from "@/lib/schemas/text-fields";

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
      // false: deactivated by an admin (lib/data/users/update-user.ts); no new session.
      active: { type: "boolean", required: false, defaultValue: true, input: false },
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
  advanced: {
    // The sign-in limit per address and each session's recorded address use the client
    // address the auth route resolved (client-address.ts), never a client's X-Forwarded-For.
    ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
  },
  databaseHooks: {
    // Names are shown beside every request and comment: they follow the app's text rules
    // whoever writes them (the seed today, the identity provider later).
    user: {
      create: { before: async (user) => ({ data: { ...user, name: checkedName(user.name) } }) },
      update: { before: async (user) => ({ data: user.name === undefined ? user : { ...user, name: checkedName(user.name) } }) },
    },
    // A deactivated person gets no session, however they sign in (password or SSO): the
    // sign-in answers 403 in the app's envelope (lib/api/auth-envelope.ts).
    session: {
      create: {
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { active: true } });
          if (!user?.active) throw new APIError("FORBIDDEN", { message: DEACTIVATED_MESSAGE });
          return { data: session };
        },
      },
    },
  },
  telemetry: { enabled: false },
  // nextCookies lets the sign-in server action set the session cookie; keep it last.
  plugins: [nextCookies()],
});

export const DEACTIVATED_MESSAGE = "This account has been deactivated. Ask an admin of the app to reactivate it.";

function checkedName(name: unknown): string {
  const parsed = personNameSchema.safeParse(name);
  if (!parsed.success) throw new APIError("BAD_REQUEST", { message: parsed.error.issues[0]?.message ?? "Name is not valid" });
  return parsed.data;
}
