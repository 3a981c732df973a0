// An optimistic gate: pages without a session cookie go to /signin at once. The real
// check (is the cookie a live session?) happens on the server in every page and route.
import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";

export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/signin";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 themselves; /signin and static files are public.
  matcher: ["/((?!api/|signin|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
