// Wraps every route handler: the database is there (503 when not), who is asking (401
// when nobody; a bearer token or the session cookie), a cookie-carried change comes from
// our own pages (403 when not), an optional role check (403), the per-caller rate limit
// (429), and one error envelope for whatever goes wrong. Handlers stay parse → call →
// respond.
import "server-only";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { rateLimiter } from "@/lib/api/rate-limit";
import { authenticateRequest, type RequestAuth } from "@/lib/auth/current-user";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { asDatabaseOutage, assertDatabaseFile } from "@/lib/db/availability";
import type { Role, SessionUser } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { noteCaller } from "@/lib/observability/state";

type RouteContext<P> = { params: Promise<P> };

type ApiHandlerArgs<P> = { req: Request; user: SessionUser; params: P; auth: RequestAuth };

type ApiOptions = {
  role?: Role;
  /** Refuse API tokens (403): managing tokens takes a browser session, so a leaked token cannot mint more. */
  sessionOnly?: boolean;
};

/** Counts the call against its user (or, for token calls, its token) on every instance; 429 past the limit. */
async function enforceRateLimit(auth: RequestAuth) {
  const limiter = rateLimiter("api", env().API_RATE_LIMIT_PER_MINUTE, 60);
  const result = await limiter.hit(auth.via === "token" ? `token:${auth.token.id}` : `user:${auth.user.id}`);
  if (!result.ok) {
    throw new ApiError("RATE_LIMITED", `Too many requests: at most ${limiter.limit} a minute. Try again in ${result.retryAfterSeconds} s.`, [], {
      "Retry-After": String(result.retryAfterSeconds),
    });
  }
}

export function withApi<P = Record<string, never>>(handler: (args: ApiHandlerArgs<P>) => Promise<Response>, options: ApiOptions = {}) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      // A change is refused up front while the database cannot be written (503, nothing started).
      await assertDatabaseFile({ writes: req.method !== "GET" && req.method !== "HEAD" });
      const auth = await authenticateRequest(req);
      if (!auth) throw ApiError.unauthenticated();
      noteCaller(auth.user.id, auth.token?.id);
      assertSameOrigin(req);
      await enforceRateLimit(auth);
      if (options.sessionOnly && auth.via === "token") {
        throw ApiError.forbidden("API tokens cannot manage tokens; sign in to the app in a browser.");
      }
      if (auth.via === "token" && auth.token.readOnly && req.method !== "GET" && req.method !== "HEAD") {
        throw new ApiError("FORBIDDEN", "This API token is read-only: it can only read (GET). Create a read-write token at /settings/tokens to make changes.", [
          { path: "authorization", message: "READ_ONLY_TOKEN" },
        ]);
      }
      if (options.role && auth.user.role !== options.role) throw ApiError.forbidden();
      const params = context?.params ? await context.params : ({} as P);
      return await handler({ req, user: auth.user, params, auth });
    } catch (error) {
      return toErrorResponse(asDatabaseOutage(error) ?? error);
    }
  };
}

/** For the few endpoints that answer anyone (probes, the OpenAPI document and its reference page). */
export function withPublicApi<P = Record<string, never>>(handler: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(req, context?.params ? await context.params : ({} as P));
    } catch (error) {
      return toErrorResponse(asDatabaseOutage(error) ?? error);
    }
  };
}
