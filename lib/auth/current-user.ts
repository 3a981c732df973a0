// The signed-in user for Server Components, server actions and route handlers.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { ApiError } from "@/lib/api/errors";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { authenticateToken, type TokenAuth } from "@/lib/data/tokens/api-tokens";
import { fastSessionUser } from "@/lib/auth/session-fast-path";
import { noteCaller } from "@/lib/observability/state";
import { noteSeen } from "@/lib/auth/last-seen";

/**
 * The user behind a session cookie: the common case in one prepared statement, anything
 * unusual (expired, due for refresh, bad signature) through better-auth. A deactivated
 * person has no session (deactivating deletes them); should one remain, it is refused.
 */
async function sessionUser(requestHeaders: Headers): Promise<SessionUser | null> {
  const fast = await fastSessionUser(requestHeaders.get("cookie"));
  if (fast !== undefined) return fast;
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session || (session.user as { active?: unknown }).active === false) return null;
  return toSessionUser(session.user);
}

/** Resolves the session cookie of the request being rendered (once per render). */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const user = await sessionUser(await headers());
  if (user) {
    noteCaller(user.id); // for the request's log line
    noteSeen(user.id);
  }
  return user;
});

/** For pages: the user, or a redirect to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

export type RequestAuth = { user: SessionUser; via: "session"; token: null } | { user: SessionUser; via: "token"; token: TokenAuth["token"] };

/**
 * Who sent a raw Request (route handlers). An Authorization header is checked first and
 * alone: a bad or revoked token is a 401 even when a session cookie comes along, so a
 * tool never runs as someone else by accident.
 */
export async function authenticateRequest(req: Request): Promise<RequestAuth | null> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw new ApiError("UNAUTHENTICATED", "Send the token as Authorization: Bearer <token>.");
    const found = await authenticateToken(match[1]);
    if (!found) throw new ApiError("UNAUTHENTICATED", "The API token is not valid or has been revoked.");
    if ("expiredAt" in found) {
      throw new ApiError("UNAUTHENTICATED", `The API token expired on ${found.expiredAt.toISOString().slice(0, 10)}; create a new one at /settings/tokens.`, [
        { path: "authorization", message: "TOKEN_EXPIRED" },
      ]);
    }
    noteSeen(found.user.id);
    return { user: found.user, via: "token", token: found.token };
  }
  const user = await sessionUser(req.headers);
  if (!user) return null;
  noteSeen(user.id);
  return { user, via: "session", token: null };
}
