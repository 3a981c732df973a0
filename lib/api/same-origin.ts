// Cross-site request forgery guard. A browser sends the session cookie with any request
// to this site, even one a hostile page triggers, but it always says where the request
// came from (Origin, or Sec-Fetch-Site). Changes that ride on a cookie must come from our
// own pages; tools authenticate with a bearer token and carry no cookie to abuse.
import "server-only";
import { ApiError } from "@/lib/api/errors";
import { trustedOrigins } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `always`: also without a cookie (sign-in itself: no logging a victim into our account). */
export function assertSameOrigin(req: Request, { always = false } = {}): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (!always && (!req.headers.get("cookie") || req.headers.get("authorization"))) return;
  const origin = req.headers.get("origin");
  if (origin ? trustedOrigins().includes(origin) : req.headers.get("sec-fetch-site") === "same-origin") return;
  throw ApiError.forbidden("This change did not come from a KVStore App page; refused to protect your session.");
}
