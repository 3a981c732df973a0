// One declaration per endpoint: its zod schemas (the same ones the route parses with),
// who may call it, and what it answers. The errors every endpoint of a kind shares
// (401 and 429 for signed-in endpoints, 400/413/415 for JSON bodies, 500) are added
// here, so declarations list only what is particular to them.
import { z } from "zod";
import type {
  ZodOpenApiOperationObject,
  ZodOpenApiParameters,
  ZodOpenApiRequestBodyObject,
  ZodOpenApiResponseObject,
  ZodOpenApiResponsesObject,
} from "zod-openapi";
import { errorBodySchema } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "@/lib/api/read-json-body";

type Access =
  /** Anyone (probes, the document, sign-in). */
  | "public"
  /** Any signed-in user: bearer token or session cookie. */
  | "user"
  /** Admins only, with a token or a session. */
  | "admin"
  /** A browser session only: API tokens are refused (403). */
  | "session"
  /** The monitoring system: the server's METRICS_TOKEN as a bearer token, nothing else. */
  | "metrics";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export type EndpointSpec = {
  method: HttpMethod;
  /** OpenAPI path, e.g. /api/requests/{number}. */
  path: `/api/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: ZodOpenApiParameters;
  /** A JSON body read with the 64 KB limit (adds 400, 413 and 415). */
  jsonBody?: z.ZodType;
  /** Any other body: say which errors it brings in `errors`. */
  body?: ZodOpenApiRequestBodyObject;
  responses: ZodOpenApiResponsesObject;
  /** Errors particular to the endpoint, with what they mean there. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Describes an endpoint the app does not implement itself (better-auth's). */
  errorSchema?: z.ZodType;
};

export const ErrorBody = errorBodySchema.meta({
  id: "Error",
  description: "Every error of this API: a code from a closed list, a message for people, and one detail per problem with its field path.",
});

const GENERIC: Record<ErrorStatus, { id: string; description: string }> = {
  400: {
    id: "BadRequest",
    description:
      "Invalid input: VALIDATION_FAILED with one detail per field path (unknown fields and parameters included), or BAD_REQUEST for a malformed body.",
  },
  401: { id: "Unauthenticated", description: "No session cookie or API token, or one that is not valid (UNAUTHENTICATED)." },
  403: { id: "Forbidden", description: "Signed in, but not allowed to do this (FORBIDDEN)." },
  404: { id: "NotFound", description: "Nothing by that name or number (NOT_FOUND)." },
  409: {
    id: "Conflict",
    description: "Conflicts with the current state (CONFLICT, DUPLICATE_DATASET_NAME, STALE_VERSION, ILLEGAL_TRANSITION, CHECKLIST_INCOMPLETE).",
  },
  413: { id: "PayloadTooLarge", description: `The body is over ${MAX_BODY_BYTES / 1024} KB (PAYLOAD_TOO_LARGE).` },
  415: { id: "UnsupportedMediaType", description: "The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE)." },
  429: { id: "RateLimited", description: "Too many requests from this user or token this minute (RATE_LIMITED); wait for Retry-After seconds." },
  500: { id: "InternalError", description: "Something failed on the server (INTERNAL). No internals are included." },
  503: { id: "ServiceUnavailable", description: "A dependency is not answering (SERVICE_UNAVAILABLE)." },
};

const retryAfter = z.object({
  "Retry-After": z.string().regex(/^\d+$/).describe("Seconds until the next request is accepted"),
});

// The generic error responses are components: one object each, so every use is a $ref.
const sharedResponses = new Map<ErrorStatus, ZodOpenApiResponseObject>();

function errorResponse(status: ErrorStatus, description?: string, schema: z.ZodType = ErrorBody): ZodOpenApiResponseObject {
  const make = (id?: string): ZodOpenApiResponseObject => ({
    ...(id ? { id } : {}),
    description: description ?? GENERIC[status].description,
    ...(status === 429 ? { headers: retryAfter } : {}),
    content: { "application/json": { schema } },
  });
  if (description !== undefined || schema !== ErrorBody) return make();
  if (!sharedResponses.has(status)) sharedResponses.set(status, make(GENERIC[status].id));
  return sharedResponses.get(status)!;
}

const SECURITY: Record<Access, Record<string, string[]>[]> = {
  public: [],
  user: [{ bearerToken: [] }, { sessionCookie: [] }],
  admin: [{ bearerToken: [] }, { sessionCookie: [] }],
  session: [{ sessionCookie: [] }],
  metrics: [{ metricsToken: [] }],
};

const ACCESS_NOTE: Record<Access, string> = {
  public: "Public: no sign-in needed.",
  user: "Any signed-in user (API token or session cookie).",
  admin: "Admins only (API token or session cookie).",
  session: "A browser session only: API tokens get 403.",
  metrics: "Only with the server's METRICS_TOKEN as a bearer token (no session, no API token).",
};

export function toOperation(spec: EndpointSpec): ZodOpenApiOperationObject {
  const errors = new Map<ErrorStatus, string | undefined>();
  if (spec.access === "metrics") errors.set(401, "No bearer token, or not the metrics token (UNAUTHENTICATED).");
  else if (spec.access !== "public") {
    errors.set(401, undefined);
    errors.set(429, undefined);
  }
  if (spec.access === "admin") errors.set(403, "Not an admin (FORBIDDEN).");
  if (spec.access === "session") errors.set(403, "Called with an API token: managing tokens takes a browser session (FORBIDDEN).");
  // Any change through a read-only token is refused, whoever its person is.
  if ((spec.access === "user" || spec.access === "admin") && spec.method !== "get") {
    const readOnly = "Called with a read-only API token (FORBIDDEN, `details[0].message` READ_ONLY_TOKEN).";
    errors.set(403, spec.access === "admin" ? `Not an admin, or called with a read-only API token (FORBIDDEN).` : readOnly);
  }
  if (spec.params?.query) errors.set(400, undefined);
  if (spec.jsonBody) {
    errors.set(400, undefined);
    errors.set(413, undefined);
    errors.set(415, undefined);
  }
  for (const [status, description] of Object.entries(spec.errors ?? {})) errors.set(Number(status) as ErrorStatus, description);
  errors.set(500, errors.get(500));

  const responses: ZodOpenApiResponsesObject = { ...spec.responses };
  for (const status of [...errors.keys()].sort()) {
    responses[`${status}`] = errorResponse(status, errors.get(status), spec.errorSchema ?? ErrorBody);
  }

  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: [spec.description, ACCESS_NOTE[spec.access]].filter(Boolean).join("\n\n"),
    tags: [spec.tag],
    security: SECURITY[spec.access],
    ...(spec.params ? { requestParams: spec.params } : {}),
    ...(spec.jsonBody ? { requestBody: { required: true, content: { "application/json": { schema: spec.jsonBody } } } } : {}),
    ...(spec.body ? { requestBody: spec.body } : {}),
    responses,
  };
}
