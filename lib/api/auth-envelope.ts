// better-auth answers errors in its own shape ({ code, message }); tools and tests expect
// the app's one envelope everywhere. This rewrites better-auth's error bodies, keeping
// status and headers, and adds the standard Retry-After to its rate-limit answers. Every
// POST to /api/auth must come from our own pages.
import "server-only";
import { errorBody, toErrorResponse, type ErrorCode } from "@/lib/api/errors";
import { asDatabaseOutage, assertDatabaseFile } from "@/lib/db/availability";
import { assertSameOrigin } from "@/lib/api/same-origin";

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  503: "SERVICE_UNAVAILABLE",
};

export function withErrorEnvelope(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    let res: Response;
    try {
      assertSameOrigin(req, { always: true });
      // better-auth turns a database error into a bare 500 with an empty body: check first,
      // as withApi does (a sign-in writes its session).
      await assertDatabaseFile({ writes: req.method === "POST" });
      res = await handler(req);
    } catch (error) {
      return toErrorResponse(asDatabaseOutage(error) ?? error);
    }
    if (res.status < 400 || !(res.headers.get("content-type") ?? "").includes("application/json")) return res;
    const original = (await res.json().catch(() => null)) as { message?: string } | null;
    const code = CODE_FOR_STATUS[res.status] ?? (res.status >= 500 ? "INTERNAL" : "BAD_REQUEST");
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    const retryAfter = headers.get("x-retry-after");
    if (retryAfter) headers.set("Retry-After", retryAfter);
    return Response.json(errorBody(code, original?.message ?? "The request was refused."), { status: res.status, headers });
  };
}
