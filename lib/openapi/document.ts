// The OpenAPI 3.1 document of /api, generated from the endpoint declarations and their
// zod schemas (zod-openapi renders each with zod 4's JSON Schema support): request
// bodies and parameters as the server reads them (input), responses as it writes them
// (output).
import { z } from "zod";
import { createDocument, type ZodOpenApiObject } from "zod-openapi";
import type { oas31 } from "zod-openapi";
import packageJson from "@/package.json";
import { ENDPOINTS } from "@/lib/openapi/endpoints";
import { toOperation } from "@/lib/openapi/define-endpoint";
import { commentSchema, requestChangedEventSchema, requestDetailSchema, requestEventSchema, requestSummarySchema, userRefSchema } from "@/lib/schemas/request";
import { apiTokenSchema } from "@/lib/schemas/token";
import { savedViewSchema } from "@/lib/schemas/view";
import { importReportSchema, importRowReportSchema } from "@/lib/schemas/import";
import { requestExportRowSchema } from "@/lib/schemas/export";
import { healthResponseSchema } from "@/lib/schemas/health";
import { datasetChangeSchema, datasetDetailSchema, datasetSummarySchema } from "@/lib/schemas/dataset";
import { MAX_BODY_BYTES } from "@/lib/api/read-json-body";
import { webhookPayloadSchema } from "@/lib/schemas/webhook";

const DESCRIPTION = `
The JSON API of KVStore App, for the storage team's tooling and anyone's scripts.

**Signing in.** Tools send \`Authorization: Bearer <token>\` with a personal API token
from [/settings/tokens](/settings/tokens); a token acts as its user, with the user's
current role. Browsers use the session cookie. Nobody reads anything without one of
the two (401); only the probes and this documentation are public.

**Errors** always have one shape, \`{ "error": { "code", "message", "details": [{ "path", "message" }], "requestId" } }\`:
400 (validation, with one detail per field path; unknown fields and parameters are
refused), 401, 403, 404, 409, 413 (JSON bodies over ${MAX_BODY_BYTES / 1024} KB), 415 (not JSON), 429, 500 and 503.
\`requestId\` is the request's id, also in the \`X-Request-Id\` response header of every
answer: quote it when reporting a problem. Send your own \`X-Request-Id\` (up to 128 of
\`A-Z a-z 0-9 . _ -\`) to have it used; anything else is replaced by a fresh id.

**Rate limit.** Each user (each token, for token calls) may make a limited number of
requests a minute; past it the API answers 429 with \`Retry-After\`.
`.trim();

/** Response schemas named as components: every use of these instances becomes a $ref. */
const OUTPUT_COMPONENTS = {
  RequestDetail: requestDetailSchema,
  RequestSummary: requestSummarySchema,
  RequestEvent: requestEventSchema,
  UserRef: userRefSchema,
  Comment: commentSchema,
  RequestChangedEvent: requestChangedEventSchema,
  RequestExportRow: requestExportRowSchema,
  ImportReport: importReportSchema,
  ImportRowReport: importRowReportSchema,
  ApiToken: apiTokenSchema,
  SavedView: savedViewSchema,
  Health: healthResponseSchema,
  Dataset: datasetDetailSchema,
  DatasetSummary: datasetSummarySchema,
  DatasetChange: datasetChangeSchema,
  WebhookPayload: webhookPayloadSchema,
};

const INT_BOUND = Number.MAX_SAFE_INTEGER;

/**
 * Tidies what zod renders: drops the long regular expression next to format: date-time
 * and the ±2^53 bounds of every integer, and renders "one value or a list" query
 * parameters (status=A&status=B) as the array they are.
 */
const override: NonNullable<Parameters<typeof createDocument>[1]>["override"] = ({ jsonSchema, zodSchema, io }) => {
  const s = jsonSchema as Record<string, unknown>;
  if (s.format === "date-time") delete s.pattern;
  if (s.minimum === -INT_BOUND) delete s.minimum;
  if (s.maximum === INT_BOUND) delete s.maximum;
  const def = zodSchema._zod.def as { type: string; options?: { _zod: { def: { type: string; element?: unknown } } }[] };
  if (io === "input" && def.type === "union" && def.options?.length === 2) {
    const [one, many] = def.options;
    const anyOf = s.anyOf as Record<string, unknown>[] | undefined;
    if (many?._zod.def.type === "array" && many._zod.def.element === one && anyOf?.[1]) {
      delete s.anyOf;
      Object.assign(s, anyOf[1]);
    }
  }
};

/** What a registered endpoint receives (POST /api/webhooks): one operation per delivery. */
const WEBHOOKS: NonNullable<ZodOpenApiObject["webhooks"]> = {
  requestEvent: {
    post: {
      operationId: "receiveRequestEvent",
      summary: "A change of a request, delivered to a webhook endpoint",
      description:
        "Verify `KVStore-Signature` over the raw body with the endpoint's secret before trusting it, and de-duplicate by `KVStore-Delivery`: a delivery may come more than once. Answer 2xx within 10 s; anything else is retried with exponential backoff for 24 h.",
      tags: ["Webhooks"],
      requestParams: {
        header: z.object({
          "KVStore-Event": z.enum(webhookPayloadSchema.shape.type.options).describe("The event type, as in the body"),
          "KVStore-Delivery": z.string().describe("The delivery's id, as in the body: the same for every retry and redelivery"),
          "KVStore-Signature": z
            .string()
            .regex(/^t=\d+,v1=[0-9a-f]{64}$/)
            .describe('t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>'),
        }),
      },
      // A reference to the output component: the body is what this server writes.
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookPayload" } } } },
      responses: { "200": { description: "Any 2xx: delivered" } },
    },
  },
};

function buildDocument(): oas31.OpenAPIObject {
  const paths: NonNullable<ZodOpenApiObject["paths"]> = {};
  const tags = new Set<string>();
  for (const endpoint of ENDPOINTS) {
    paths[endpoint.path] ??= {};
    if (paths[endpoint.path]![endpoint.method]) throw new Error(`${endpoint.method} ${endpoint.path} is declared twice`);
    paths[endpoint.path]![endpoint.method] = toOperation(endpoint);
    tags.add(endpoint.tag);
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: { title: "KVStore App API", version: packageJson.version, description: DESCRIPTION },
      tags: [...tags].map((name) => ({ name })),
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
      paths,
      webhooks: WEBHOOKS,
      components: {
        schemas: OUTPUT_COMPONENTS,
        securitySchemes: {
          bearerToken: { type: "http", scheme: "bearer", bearerFormat: "kvs_…", description: "A personal API token from /settings/tokens" },
          sessionCookie: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "The browser session, set by sign-in" },
          metricsToken: { type: "http", scheme: "bearer", description: "The server's METRICS_TOKEN (GET /api/metrics only)" },
        },
      },
    },
    { override },
  );
}

/** Schemas kept even though no operation points at them. */
const KEEP = new Set(["RequestChangedEvent"]);

/**
 * zod-openapi renders a named schema once per context it could be used in ("X" as
 * input, "XOutput" as output). Response-only schemas thus leave an unused input twin:
 * drop every schema no operation reaches, then give the survivors their plain names.
 */
function pruneSchemas(doc: oas31.OpenAPIObject): oas31.OpenAPIObject {
  const schemas = doc.components?.schemas ?? {};
  const refsIn = (value: unknown): string[] => {
    const found: string[] = [];
    JSON.stringify(value, (key, v) => {
      if (key === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/")) found.push(v.slice(21));
      return v;
    });
    return found;
  };
  const reached = new Set<string>(KEEP);
  const queue = [...refsIn(doc.paths), ...refsIn(doc.webhooks), ...refsIn(doc.components?.responses), ...KEEP];
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name) && !KEEP.has(name)) continue;
    reached.add(name);
    queue.push(...refsIn(schemas[name]).filter((n) => !reached.has(n)));
  }
  const rename = new Map<string, string>();
  for (const name of reached) {
    const plain = name.replace(/Output$/, "");
    if (plain !== name && !reached.has(plain)) rename.set(name, plain);
  }
  const kept = Object.fromEntries([...reached].sort().map((name) => [rename.get(name) ?? name, schemas[name]!]));
  const text = JSON.stringify({ ...doc, components: { ...doc.components, schemas: kept } }).replace(
    /"#\/components\/schemas\/(\w+)"/g,
    (match, name: string) => (rename.has(name) ? `"#/components/schemas/${rename.get(name)}"` : match),
  );
  return JSON.parse(text) as oas31.OpenAPIObject;
}

let cached: oas31.OpenAPIObject | undefined;

/** The document, built once per process (it depends on code only). */
export function openApiDocument(): oas31.OpenAPIObject {
  cached ??= pruneSchemas(buildDocument());
  return cached;
}
