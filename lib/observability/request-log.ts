// Per request: its id, its context for the handlers, and when its response closes one
// JSON log line and one histogram observation. Called by the http.Server hook
// (lib/security/stamp-raw-request.ts) before Next.js sees the request. Only chosen
// fields are logged: never headers (cookies, Authorization), the query, or bodies.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { observability, type RequestContext } from "@/lib/observability/state";
import { routePattern } from "@/lib/observability/route-patterns";

const REQUEST_ID_HEADER = "x-request-id";
/** What an incoming X-Request-Id may be to be kept: a short token of safe characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Runs `next` (Next's handling of the request) inside the request's context. The id
 * replaces whatever the client sent under X-Request-Id on the request (so handlers read
 * the sane one) and is sent back on the response.
 */
export function observeRequest<T>(req: IncomingMessage, res: ServerResponse, next: () => T): T {
  const o = observability();
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const ctx: RequestContext = {
    id: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    start: performance.now(),
    method: req.method ?? "GET",
    path: q === -1 ? url : url.slice(0, q),
  };
  req.headers[REQUEST_ID_HEADER] = ctx.id;
  res.setHeader("X-Request-Id", ctx.id);
  // "close" comes after "finish", and also when the client goes away first (aborted).
  res.once("close", () => finish(ctx, res));
  return o.als.run(ctx, next);
}

function finish(ctx: RequestContext, res: ServerResponse) {
  try {
    const { logger, metrics } = observability();
    const durationMs = performance.now() - ctx.start;
    const route = routePattern(ctx.path);
    const status = res.statusCode;
    metrics.observeRequest(route, ctx.method, status, durationMs / 1000);
    const line: Record<string, unknown> = {
      requestId: ctx.id,
      method: ctx.method,
      route,
      status,
      durationMs: Math.round(durationMs * 100) / 100,
    };
    if (ctx.userId) line.userId = ctx.userId;
    if (ctx.tokenId) line.tokenId = ctx.tokenId;
    if (!res.writableFinished) line.aborted = true;
    if (status >= 500) logger.error(line, "request");
    else logger.info(line, "request");
  } catch {
    // Never let a log line take the server down.
  }
}
