// One error envelope for every API response:
// { "error": { "code", "message", "details": [{ "path", "message" }], "requestId" } }
// (requestId: the id of the request, also sent as X-Request-Id, for people to quote).
import { z } from "zod";

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE_DATASET_NAME: 409,
  STALE_VERSION: 409,
  ILLEGAL_TRANSITION: 409,
  CHECKLIST_INCOMPLETE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorDetail = { path: string; message: string };

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    requestId: z
      .string()
      .optional()
      .describe("The id of this request, also sent as the X-Request-Id header: quote it when reporting a problem. Yours when you sent a valid X-Request-Id."),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static unauthenticated() {
    return new ApiError("UNAUTHENTICATED", "Sign in first (session cookie or Authorization: Bearer <token>).");
  }
  static forbidden(message = "You are not allowed to do that.") {
    return new ApiError("FORBIDDEN", message);
  }
  static notFound(what: string) {
    return new ApiError("NOT_FOUND", `${what} was not found.`);
  }
  static fromZod(error: z.ZodError, message = "Some fields are not valid.") {
    return new ApiError("VALIDATION_FAILED", message, zodIssuesToDetails(error.issues));
  }
}

/** One detail per problem, each naming its field path ("regions.1"); unknown keys one by one. */
export function zodIssuesToDetails(issues: z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((i) => {
    const path = i.path.map(String).join(".");
    if (i.code === "unrecognized_keys") {
      return i.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: `Unknown field "${key}"` }));
    }
    return [{ path, message: i.message }];
  });
}

/**
 * The id of the request being served, set by the server's request hook
 * (lib/observability/request-log.ts). Read through globalThis: this module is also
 * bundled for the browser, where there is none.
 */
function currentRequestId(): string | undefined {
  const shared = globalThis as unknown as { kvstoreObservability?: { als: { getStore(): { id: string } | undefined } } };
  return shared.kvstoreObservability?.als.getStore()?.id;
}

export function errorBody(code: ErrorCode, message: string, details: ErrorDetail[] = []): ErrorBody {
  const requestId = currentRequestId();
  return { error: requestId === undefined ? { code, message, details } : { code, message, details, requestId } };
}

/** Any thrown value → a JSON error response. Unknown errors become a bare 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return Response.json(errorBody(error.code, error.message, error.details), {
      status: error.status,
      headers: error.headers,
    });
  }
  logUnexpectedError(describeForLog(error));
  return Response.json(errorBody("INTERNAL", "Something went wrong on our side. Try again; if it keeps failing, tell the storage team."), {
    status: 500,
  });
}

/**
 * One pino error line with the request id (the one in the 500's body) and the error's
 * kind, code and origin. Through globalThis like currentRequestId: the logger lives in
 * lib/observability/state.ts, which this browser-bundled module cannot import.
 */
function logUnexpectedError(error: string) {
  const shared = globalThis as unknown as { kvstoreObservability?: { logger: { error(obj: object, msg: string): void } } };
  const line = { requestId: currentRequestId(), error };
  if (shared.kvstoreObservability) shared.kvstoreObservability.logger.error(line, "unexpected error");
  else console.error("Unhandled API error:", JSON.stringify(line));
}

/**
 * What the log gets of an unexpected error: its kind, code and where it was thrown,
 * never request bodies or tokens. Database errors carry the statement's arguments (the
 * request body) in their message, so for those only the name and code are kept.
 */
function describeForLog(error: unknown): string {
  // By shape, not instanceof Error: better-sqlite3's native errors may come from another realm (jest).
  const e = error as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown; constructor?: { name?: string } } | null;
  if (typeof e !== "object" || e === null || typeof e.name !== "string") return typeof error;
  const kind = typeof e.code === "string" ? `${e.name} ${e.code}` : e.name;
  const where =
    (typeof e.stack === "string" ? e.stack : "")
      .split("\n")
      .find((line) => line.trim().startsWith("at "))
      ?.trim() ?? "";
  if (/prisma|sqlite/i.test(e.name) || /prisma|sqlite/i.test(e.constructor?.name ?? "")) return `${kind} ${where}`.trim();
  return `${kind}: ${String(e.message ?? "").slice(0, 200)} ${where}`.trim();
}
