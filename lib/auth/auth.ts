// better-auth: sessions in httpOnly cookies, stored through Prisma, from company sign-in
// (OpenID Connect, oidc-sign-in.ts) and/or email + password (the demo users, and any
// user whose account row holds a password) while PASSWORD_SIGN_IN is on.
import "server-only";
import { betterAuth, type BetterAuthRateLimitStorage } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { APIError } from "better-auth/api";
import { env, publicBaseUrl, trustedOrigins } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/security/client-address";
import { personNameSchema } from "@/lib/schemas/text-fields";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { oidcConfig, passwordSignInEnabled } from "@/lib/auth/oidc-config";
import { applyOidcClaims, oidcProvider, validateOidcUser } from "@/lib/auth/oidc-sign-in";
import { rateLimiter } from "@/lib/api/rate-limit";

const baseURL = publicBaseUrl();
const oidc = oidcConfig();

/** better-auth's rules (a window in seconds, a max) as limiters of the shared store; its key is address + path. */
const sharedRateLimitStorage: BetterAuthRateLimitStorage = {
  async consume(key, { window, max }) {
    const result = await rateLimiter(`auth_${window}s_${max}`, max, window).hit(key);
    return result.ok ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: result.retryAfterSeconds };
  },
};

export const auth = betterAuth({
  appName: "KVStore App",
  secret: env().BETTER_AUTH_SECRET,
  baseURL,
  trustedOrigins: trustedOrigins(),
  database: prismaAdapter(db, { provider: "sqlite" }),
  emailAndPassword: { enabled: passwordSignInEnabled(), disableSignUp: true },
  // A provider's answer that goes wrong before better-auth knows where the person came
  // from (no or bad state) lands on the sign-in page too, which explains the error code.
  onAPIError: { errorURL: `${baseURL}/signin` },
  // Someone seeded with a password who signs in through the company provider with the
  // same (provider-verified) email keeps their account: the provider's account is linked.
  account: { accountLinking: { enabled: true } },
  user: {
    validateUserInfo: ({ source }) => validateOidcUser(oidc, source),
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
    // Counted in the app's shared limit store (rate-limit.ts), so every instance draws on
    // one budget per address. better-auth's "database" storage would write each count into
    // the app's own SQLite file (the sync and writer cost rate-limit.ts avoids); its
    // customStorage takes one atomic consume, which rate-limiter-flexible's upsert is.
    customStorage: sharedRateLimitStorage,
    window: 60,
    max: 300,
    // Slow down password guessing without locking out a person who mistypes.
    customRules: {
      "/sign-in/email": { window: 60, max: env().SIGN_IN_ATTEMPTS_PER_MINUTE },
      // Starting company sign-in checks no secret (the provider does): the general limit,
      // not better-auth's 3 in 10 s for sign-in paths, which a whole office behind one
      // address would hit at nine in the morning.
      "/sign-in/social": { window: 60, max: 300 },
    },
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
    // sign-in answers 403 in the app's envelope (lib/api/auth-envelope.ts). Company
    // sign-in then writes role (from groups) and team from this sign-in's claims before
    // the session exists (oidc-sign-in.ts); other sign-ins leave them alone.
    session: {
      create: {
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { active: true } });
          if (!user?.active) throw new APIError("FORBIDDEN", { message: DEACTIVATED_MESSAGE });
          await applyOidcClaims(session.userId);
          return { data: session };
        },
      },
    },
  },
  telemetry: { enabled: false },
  // nextCookies lets the sign-in server action set the session cookie; keep it last.
  plugins: [...(oidc ? [genericOAuth({ config: [oidcProvider(oidc)] })] : []), nextCookies()],
});

export const DEACTIVATED_MESSAGE = "This account has been deactivated. Ask an admin of the app to reactivate it.";

function checkedName(name: unknown): string {
  const parsed = personNameSchema.safeParse(name);
  if (!parsed.success) throw new APIError("BAD_REQUEST", { message: parsed.error.issues[0]?.message ?? "Name is not valid" });
  return parsed.data;
}
