// The signed-in user for Server Components, server actions and route handlers.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";

/** Resolves the session cookie of the request being rendered (once per render). */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth.api.getSession({ headers: await headers() });
  return session ? toSessionUser(session.user) : null;
});

/** For pages: the user, or a redirect to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/** Session user for a raw Request (route handlers). */
export async function getUserFromRequest(req: Request): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers: req.headers });
  return session ? toSessionUser(session.user) : null;
}
