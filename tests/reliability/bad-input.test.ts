// Property-based bad input through the real route handlers: thousands of generated bodies
// and query strings per endpoint — wrong types, missing and extra fields, huge and empty
// strings, unicode, NUL bytes, SQL and HTML fragments, numbers at and past every limit.
// Every answer must be a 4xx in the error shape or a success whose body is valid; never a
// 5xx. Afterwards the database must hold only valid requests.
//
// FUZZ_RUNS sets the runs per endpoint (default 10,000; RELIABILITY.md has the figures).
import fc from "fast-check";
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as transitionsRoute from "@/app/api/requests/[number]/transitions/route";
import * as commentsRoute from "@/app/api/requests/[number]/comments/route";
import * as commentRoute from "@/app/api/requests/[number]/comments/[id]/route";
import * as bulkRoute from "@/app/api/requests/bulk-transitions/route";
import * as bulkUpdatesRoute from "@/app/api/requests/bulk-updates/route";
import * as usersRoute from "@/app/api/users/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as datasetRoute from "@/app/api/datasets/[datasetName]/route";
import * as exportRoute from "@/app/api/requests/export/route";
import * as importRoute from "@/app/api/requests/import/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as viewsRoute from "@/app/api/views/route";
import { savedViewSchema } from "@/lib/schemas/view";
import * as similarRoute from "@/app/api/requests/similar/route";
import { similarRequestsResponseSchema } from "@/lib/schemas/similar";
import { importReportSchema } from "@/lib/schemas/import";
import { z as zod } from "zod";
import { db } from "@/lib/db";
import { addComment } from "@/lib/data/requests/add-comment";
import { toSessionUser } from "@/lib/auth/roles";
import { errorBodySchema } from "@/lib/api/errors";
import { detailInclude, toDetail } from "@/lib/data/requests/request-dto";
import {
  bulkTransitionResponseSchema,
  bulkUpdateResponseSchema,
  commentSchema,
  pickFields,
  requestDetailSchema,
  requestFieldsSchema,
  requestListResponseSchema,
} from "@/lib/schemas/request";
import { userListResponseSchema, userSchema } from "@/lib/schemas/user";
import { call, signIn, type CallOptions } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import type { z } from "zod";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "@/lib/openapi/document";
import { REFUSES_METHOD } from "@/lib/api/method-not-allowed";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
jest.setTimeout(30 * 60_000);

let owner: string;
let admin: string;
let number: string;

beforeAll(async () => {
  await createUser("fuzz", "REQUESTER");
  await createUser("fuzzadmin", "ADMIN", "storage");
  await createUser("fuzztarget", "REQUESTER", "search");
  owner = await signIn("fuzz@example.com", TEST_PASSWORD);
  admin = await signIn("fuzzadmin@example.com", TEST_PASSWORD);
  const res = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: owner, body: validRequestBody() });
  number = res.json.number;
});
afterAll(() => db.$disconnect());

// ---- generators --------------------------------------------------------------

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202e",
  "😀".repeat(300),
  "𝕂𝕍𝕊",
  "é",
  "\ud800",
  '\'; DROP TABLE "DatasetRequest"; --',
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "../../etc/passwd",
  "%00",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "9223372036854775808",
  "null",
  "true",
  "KV-1",
  "kv-0",
  "s3://",
  "db.",
  "x".repeat(81),
  "x".repeat(4001),
  "y".repeat(70_000),
];
const LIMIT_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  0.000001,
  20,
  62,
  63,
  64,
  80,
  81,
  250,
  251,
  365,
  366,
  4000,
  4001,
  10_000,
  10_001,
  1_000_000,
  1_000_001,
  2 ** 31,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "binary", maxLength: 50 }));
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(...LIMIT_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nastyString, fc.integer()), { maxLength: 6 }),
  fc.dictionary(nastyString, fc.oneof(nastyString, fc.integer()), { maxKeys: 4 }),
);

const FIELDS = Object.keys(validRequestBody());
const validName = fc.stringMatching(/^[a-z][a-z0-9_]{2,30}$/);

/** A valid request body with some fields dropped, some replaced and some added. */
const mutatedBody = fc
  .record({
    name: validName,
    drop: fc.subarray(FIELDS, { maxLength: 4 }),
    set: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS, "status", "version", "requesterId", "__proto__", "constructor"), nastyString), nastyValue, {
      maxKeys: 3,
    }),
  })
  .map(({ name, drop, set }) => {
    const body: Record<string, unknown> = { ...validRequestBody({ datasetName: name }) };
    for (const key of drop) delete body[key];
    for (const [key, value] of Object.entries(set)) Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
    return body;
  });

/** Whole bodies: mostly near-valid, some anything at all, some not JSON. */
const body: fc.Arbitrary<Pick<CallOptions, "body" | "rawBody" | "headers">> = fc.oneof(
  { weight: 6, arbitrary: mutatedBody.map((b) => ({ body: b })) },
  { weight: 2, arbitrary: fc.anything().map((b) => ({ rawBody: JSON.stringify(b) ?? "", headers: { "content-type": "application/json" } })) },
  { weight: 1, arbitrary: nastyString.map((s) => ({ rawBody: s, headers: { "content-type": "application/json" } })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ s: nastyString, type: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "", "application/jsonx") })
      .map(({ s, type }) => ({ rawBody: s, headers: { "content-type": type } })),
  },
);

const smallBody = (shape: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    { weight: 6, arbitrary: shape.map((b) => ({ body: b }) as Pick<CallOptions, "body" | "rawBody" | "headers">) },
    { weight: 2, arbitrary: fc.anything().map((b) => ({ body: b })) },
    { weight: 1, arbitrary: nastyString.map((s) => ({ rawBody: s, headers: { "content-type": "application/json" } })) },
  );

const STATUSES = ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO", "APPROVED", "PROVISIONING", "COMPLETED", "REJECTED", "CANCELLED"];
const transitionShape = fc.record(
  {
    to: fc.oneof(fc.constantFrom(...STATUSES), nastyValue),
    note: fc.oneof(nastyString, nastyValue),
    version: fc.oneof(fc.integer({ min: -2, max: 40 }), nastyValue),
    extra: nastyValue,
  },
  { requiredKeys: [] },
);
const patchShape = fc
  .record({
    set: fc.dictionary(fc.constantFrom(...FIELDS, "assigneeId", "checklist", "version", "status", "extra"), nastyValue, { maxKeys: 4 }),
    version: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ set, version }) => ({ version, ...set }));
const userPatchShape = fc.record(
  { role: fc.oneof(fc.constantFrom("ADMIN", "REQUESTER"), nastyValue), active: fc.oneof(fc.boolean(), nastyValue), extra: nastyValue },
  { requiredKeys: [] },
);
const commentShape = fc.record({ body: fc.oneof(nastyString, nastyValue), extra: nastyValue }, { requiredKeys: [] });
const bulkShape = fc.record(
  {
    numbers: fc.oneof(fc.array(fc.oneof(fc.constantFrom("KV-1", "1", "KV-2"), nastyString), { maxLength: 120 }), nastyValue),
    to: fc.oneof(fc.constantFrom(...STATUSES), nastyValue),
    note: nastyValue,
  },
  { requiredKeys: [] },
);
const bulkUpdateShape = fc.record(
  {
    numbers: fc.oneof(fc.array(fc.oneof(fc.constantFrom("KV-1", "1", "KV-2"), nastyString), { maxLength: 120 }), nastyValue),
    assigneeId: fc.oneof(fc.constantFrom("admin", "owner", null), nastyString, nastyValue),
    priority: fc.oneof(fc.constantFrom("LOW", "URGENT"), nastyValue),
    extra: nastyValue,
  },
  { requiredKeys: [] },
);

const LIST_KEYS = ["sort", "order", "status", "type", "team", "assignee", "requester", "priority", "stale", "q", "page", "pageSize"];
const query = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...LIST_KEYS, "role", "active") }, nastyString),
      fc.oneof(nastyString, fc.constantFrom(...LIMIT_NUMBERS).map(String), fc.constantFrom(...STATUSES, "asc", "desc", "me", "all", "unassigned", "ADMIN")),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    return params.toString();
  });

// ---- the property ------------------------------------------------------------

type Answer = Awaited<ReturnType<typeof call>>;

/** A 4xx in the error shape, or a success whose body the response schema accepts. Never a 5xx. */
function judge(res: Answer, success: z.ZodType) {
  if (res.status >= 500) throw new Error(`${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
  if (res.status >= 400) {
    const parsed = errorBodySchema.safeParse(res.json);
    if (!parsed.success) throw new Error(`error not in the shape: ${JSON.stringify(res.json).slice(0, 300)}`);
    if (/\bat .+\.(ts|js):\d+|PrismaClient|SQLITE_|sqlite/i.test(JSON.stringify(res.json))) throw new Error(`internals leaked: ${JSON.stringify(res.json)}`);
    return;
  }
  const parsed = success.safeParse(res.json);
  if (!parsed.success) throw new Error(`invalid success body: ${parsed.error.message.slice(0, 300)}`);
}

const check = (arb: fc.Arbitrary<unknown>, send: (input: never) => Promise<Answer>, success: z.ZodType) =>
  fc.assert(
    fc.asyncProperty(arb, async (input) => judge(await send(input as never), success)),
    { numRuns: RUNS, seed: 20261123 },
  );

describe(`bad input, ${RUNS} runs per endpoint`, () => {
  it("POST /api/requests", () =>
    check(body, (b: CallOptions) => call(requestsRoute.POST, "POST", "/api/requests", { cookie: owner, ...b }), requestDetailSchema));

  it("PATCH /api/requests/{number}", () =>
    check(
      smallBody(patchShape),
      (b: CallOptions) => call(requestRoute.PATCH, "PATCH", `/api/requests/${number}`, { cookie: owner, params: { number }, ...b }),
      requestDetailSchema,
    ));

  it("POST /api/requests/{number}/transitions", () =>
    check(
      smallBody(transitionShape),
      (b: CallOptions) => call(transitionsRoute.POST, "POST", `/api/requests/${number}/transitions`, { cookie: admin, params: { number }, ...b }),
      requestDetailSchema,
    ));

  it("POST /api/requests/{number}/comments", () =>
    check(
      smallBody(commentShape),
      (b: CallOptions) => call(commentsRoute.POST, "POST", `/api/requests/${number}/comments`, { cookie: owner, params: { number }, ...b }),
      commentSchema,
    ));

  it("PATCH /api/requests/{number}/comments/{id}", async () => {
    // The fuzzer's own fresh comment (so edits are allowed), now and then another id. Made
    // through the data layer: the properties before this one may have spent this minute's
    // API budget of the fuzz user (their 429s are valid answers; this setup must not be one).
    const fuzzUser = toSessionUser(await db.user.findUniqueOrThrow({ where: { id: "fuzz" } }));
    const id = String((await addComment(fuzzUser, number, { body: "Fuzz me" })).id);
    await check(
      fc.tuple(
        fc.oneof({ weight: 8, arbitrary: fc.constant(id) }, fc.constantFrom("0", "-1", "1.5", "99999999999", "%00"), nastyString),
        smallBody(commentShape),
      ),
      ([commentId, b]: [string, CallOptions]) =>
        call(commentRoute.PATCH, "PATCH", `/api/requests/${number}/comments/${encodeURIComponent(commentId.toWellFormed())}`, {
          cookie: owner,
          params: { number, id: commentId },
          ...b,
        }),
      commentSchema,
    );
  });

  it("POST /api/requests/bulk-transitions", () =>
    check(
      smallBody(bulkShape),
      (b: CallOptions) => call(bulkRoute.POST, "POST", "/api/requests/bulk-transitions", { cookie: admin, ...b }),
      bulkTransitionResponseSchema,
    ));

  it("POST /api/requests/bulk-updates", () =>
    check(
      smallBody(bulkUpdateShape),
      (b: CallOptions) => call(bulkUpdatesRoute.POST, "POST", "/api/requests/bulk-updates", { cookie: admin, ...b }),
      bulkUpdateResponseSchema,
    ));

  it("GET /api/requests", () =>
    check(query, (q: string) => call(requestsRoute.GET, "GET", `/api/requests?${q}`, { cookie: owner }), requestListResponseSchema));

  it("GET /api/users", () => check(query, (q: string) => call(usersRoute.GET, "GET", `/api/users?${q}`, { cookie: owner }), userListResponseSchema));

  it("PATCH /api/users/{id}", () =>
    check(
      smallBody(userPatchShape),
      (b: CallOptions) => call(userRoute.PATCH, "PATCH", "/api/users/fuzztarget", { cookie: admin, params: { id: "fuzztarget" }, ...b }),
      userSchema,
    ));

  it("GET /api/requests/similar", () =>
    check(
      fc
        .array(
          fc.tuple(
            fc.oneof({ weight: 4, arbitrary: fc.constantFrom("name", "location", "exclude") }, nastyString),
            fc.oneof(nastyString, fc.constantFrom("payments_ledger", "s3://bucket/x/", "KV-1", "1")),
          ),
          { maxLength: 4 },
        )
        .map((pairs) => new URLSearchParams(pairs).toString()),
      (q: string) => call(similarRoute.GET, "GET", `/api/requests/similar?${q}`, { cookie: owner }),
      similarRequestsResponseSchema,
    ));

  it("GET /api/requests/{number} and /api/datasets/{name}", () =>
    check(
      nastyString,
      async (s: string) => {
        // The router hands handlers the decoded segment; the URL itself must stay well-formed.
        const path = encodeURIComponent(s.toWellFormed());
        const byNumber = await call(requestRoute.GET, "GET", `/api/requests/${path}`, { cookie: owner, params: { number: s } });
        judge(byNumber, requestDetailSchema);
        return call(datasetRoute.GET, "GET", `/api/datasets/${path}`, { cookie: owner, params: { datasetName: s } });
      },
      requestDetailSchema,
    ));

  it("GET /api/requests/export", () =>
    check(
      query.map((q) => `format=${q.length % 3 ? "csv" : "json"}&${q}`),
      async (q: string) => {
        const res = await call(exportRoute.GET, "GET", `/api/requests/export?${q}`, { cookie: owner });
        // A success is a CSV or JSON file: judge its status, not its shape, here.
        return res.status < 400 ? { ...res, json: {} } : res;
      },
      zod.object({}),
    ));

  it("POST /api/requests/import", () =>
    check(
      fc.tuple(fc.constantFrom("validate", "valid-only", "all-or-nothing", "bogus"), fc.array(mutatedBody, { maxLength: 4 }), body),
      ([mode, rows, raw]: [string, Record<string, unknown>[], CallOptions]) =>
        call(importRoute.POST, "POST", `/api/requests/import?mode=${mode}`, { cookie: owner, ...(rows.length % 2 ? { body: rows } : raw) }),
      importReportSchema,
    ));

  it("POST /api/tokens", () =>
    check(
      smallBody(fc.record({ name: fc.oneof(nastyString, nastyValue), extra: nastyValue }, { requiredKeys: [] })),
      async (b: CallOptions) => {
        const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: owner, ...b });
        // Keep under the per-user token cap: revoke what was just made.
        if (res.status === 201) await db.apiToken.deleteMany({ where: { id: res.json.id } });
        return res;
      },
      zod.object({ id: zod.string(), token: zod.string() }).loose(),
    ));

  it("POST /api/views", () =>
    check(
      smallBody(
        fc.record({ name: fc.oneof(nastyString, nastyValue), query: fc.oneof(query, nastyString, nastyValue), extra: nastyValue }, { requiredKeys: [] }),
      ),
      async (b: CallOptions) => {
        const res = await call(viewsRoute.POST, "POST", "/api/views", { cookie: owner, ...b });
        // Keep under the per-person cap: delete what was just saved.
        if (res.status === 201) await db.savedView.deleteMany({ where: { id: res.json.id } });
        return res;
      },
      savedViewSchema,
    ));

  // Every GET under app/api (read from the files, so a new route is fuzzed too), with
  // query strings of its own parameters (from the OpenAPI document) and any others, each
  // value nasty. RUNS / 10 per route: the routes above already get RUNS of their own.
  describe("query parameters of every GET route", () => {
    const API_DIR = path.join(process.cwd(), "app", "api");
    const routes = (dir = API_DIR): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) return routes(full);
        return entry === "route.ts" ? [path.relative(API_DIR, dir).split(path.sep).join("/")] : [];
      });
    const doc = openApiDocument() as { paths: Record<string, { get?: { parameters?: { in: string; name: string }[] } }> };
    const pathParams = (): Record<string, string> => ({ number, datasetName: "fuzz_dataset", asset: "swagger-ui.css", all: "get-session", id: "none" });

    it.each(routes())("GET /api/%s", async (route) => {
      const mod = (await import(`@/app/api/${route}/route`)) as Record<string, unknown>;
      const handler = mod.GET as ((req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>) | undefined;
      if (typeof handler !== "function" || REFUSES_METHOD in handler) return;
      const params = pathParams();
      const urlPath = "/api/" + route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => params[name] ?? name);
      const openApiPath = "/api/" + route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => `{${name}}`);
      const known = (doc.paths[openApiPath]?.get?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      const keys = known.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, nastyString) : nastyString;
      const queries = fc
        .array(
          fc.tuple(
            keys,
            fc.oneof(nastyString, fc.constantFrom(...LIMIT_NUMBERS).map(String), fc.constantFrom(...STATUSES, "asc", "desc", "me", "csv", "json")),
          ),
          { maxLength: 6 },
        )
        .map((pairs) => new URLSearchParams(pairs).toString());
      await fc.assert(
        fc.asyncProperty(queries, async (q) => {
          const abort = new AbortController();
          const res = await call(handler, "GET", `${urlPath}?${q}`, {
            cookie: owner,
            params: route.includes("[") ? params : undefined,
            signal: abort.signal,
            streaming: true,
          });
          abort.abort();
          // Successes vary by route (files, streams, documents): judge the status and the error shape.
          judge(res.status < 400 ? { ...res, json: {} } : res, zod.object({}));
        }),
        { numRuns: Math.ceil(RUNS / 10), seed: 20261130 },
      );
    });
  });

  it("leaves only valid requests in the database", async () => {
    const rows = await db.datasetRequest.findMany({ include: detailInclude });
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      const detail = toDetail(row);
      expect(requestDetailSchema.safeParse(detail).error).toBeUndefined();
      expect(requestFieldsSchema.safeParse(pickFields(detail)).error).toBeUndefined();
    }
  });
});
