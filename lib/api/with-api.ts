// Wraps every route handler: the database is there (503 when not), who is asking (401
// when nobody), a cookie-carried change comes from our own pages (403 when not), an
// optional role check (403), and one error envelope for whatever goes wrong. Handlers
// stay parse → call → respond.
import "server-only";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { getUserFromRequest } from "@/lib/auth/current-user";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { asDatabaseOutage, assertDatabaseFile } from "@/lib/db/availability";
import type { Role, SessionUser } from "@/lib/auth/roles";

type RouteContext<P> = { params: Promise<P> };

export type ApiHandlerArgs<P> = { req: Request; user: SessionUser; params: P };

export function withApi<P = Record<string, never>>(
  handler: (args: ApiHandlerArgs<P>) => Promise<Response>,
  options: { role?: Role } = {},
) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      await assertDatabaseFile();
      const user = await getUserFromRequest(req);
      if (!user) throw ApiError.unauthenticated();
      assertSameOrigin(req);
      if (options.role && user.role !== options.role) throw ApiError.forbidden();
      const params = context?.params ? await context.params : ({} as P);
      return await handler({ req, user, params });
    } catch (error) {
      return toErrorResponse(asDatabaseOutage(error) ?? error);
    }
  };
}

/** For the few endpoints that answer anyone (liveness and readiness probes). */
export function withPublicApi(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      return await handler(req);
    } catch (error) {
      return toErrorResponse(asDatabaseOutage(error) ?? error);
    }
  };
}
