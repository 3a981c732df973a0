// Every endpoint × {signed out, another requester, the owner, an admin} → the status it
// must answer, against the real route handlers and a real SQLite database. The list of
// endpoints comes from the files under app/api, so a new route without rows here fails.
// After a refused call (4xx) the request must be exactly as it was.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import { createRequest } from "@/lib/data/requests/create-request";
import { toSessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { createToken } from "@/lib/data/tokens/api-tokens";
import { addComment } from "@/lib/data/requests/add-comment";
import { createView } from "@/lib/data/views/saved-views";
import { createViewBodySchema } from "@/lib/schemas/view";
import { REFUSES_METHOD } from "@/lib/api/method-not-allowed";
import { completeRequest } from "@/tests/helpers/datasets";
import { createWebhook } from "@/lib/data/webhooks/webhooks";

type Persona = "signedOut" | "otherRequester" | "owner" | "admin";
const PERSONAS: Persona[] = ["signedOut", "otherRequester", "owner", "admin"];
type Ctx = {
  number: string;
  version: number;
  datasetName: string;
  tokenId: string;
  commentId: string;
  viewId: string;
  webhookId: string;
  deliveryId: string;
};

type Row = {
  route: string; // folder under app/api
  method: string;
  what: string;
  path: (c: Ctx) => string;
  params?: (c: Ctx) => Record<string, string>;
  body?: (c: Ctx) => unknown;
  expect: Record<Persona, number>;
};

const byNumber = (c: Ctx) => ({ number: c.number });
const all = (status: number) => ({ signedOut: status, otherRequester: status, owner: status, admin: status });
const signedIn = (status: number) => ({ signedOut: 401, otherRequester: status, owner: status, admin: status });
const adminsOnly = (status: number) => ({ signedOut: 401, otherRequester: 403, owner: 403, admin: status });

const ROWS: Row[] = [
  { route: "requests", method: "GET", what: "list requests", path: () => "/api/requests", expect: signedIn(200) },
  { route: "requests", method: "POST", what: "submit a request", path: () => "/api/requests", body: () => validRequestBody(), expect: signedIn(201) },
  { route: "requests/[number]", method: "GET", what: "read a request", path: (c) => `/api/requests/${c.number}`, params: byNumber, expect: signedIn(200) },
  {
    route: "requests/[number]",
    method: "PATCH",
    what: "edit a request's fields",
    path: (c) => `/api/requests/${c.number}`,
    params: byNumber,
    body: (c) => ({ ownerTeam: "payments-core", version: c.version }),
    expect: { signedOut: 401, otherRequester: 403, owner: 200, admin: 403 },
  },
  {
    route: "requests/[number]",
    method: "PATCH",
    what: "assign a request",
    path: (c) => `/api/requests/${c.number}`,
    params: byNumber,
    body: (c) => ({ assigneeId: "admin", version: c.version }),
    expect: { signedOut: 401, otherRequester: 403, owner: 403, admin: 200 },
  },
  {
    route: "requests/[number]",
    method: "PATCH",
    what: "set priority",
    path: (c) => `/api/requests/${c.number}`,
    params: byNumber,
    body: (c) => ({ priority: "URGENT", version: c.version }),
    expect: { signedOut: 401, otherRequester: 403, owner: 200, admin: 200 },
  },
  {
    route: "requests/[number]/transitions",
    method: "POST",
    what: "start review (admin step)",
    path: (c) => `/api/requests/${c.number}/transitions`,
    params: byNumber,
    body: (c) => ({ to: "IN_REVIEW", version: c.version }),
    expect: { signedOut: 401, otherRequester: 403, owner: 403, admin: 200 },
  },
  {
    route: "requests/[number]/transitions",
    method: "POST",
    what: "cancel (owner or admin)",
    path: (c) => `/api/requests/${c.number}/transitions`,
    params: byNumber,
    body: (c) => ({ to: "CANCELLED", version: c.version }),
    expect: { signedOut: 401, otherRequester: 403, owner: 200, admin: 200 },
  },
  {
    route: "requests/[number]/comments",
    method: "POST",
    what: "comment",
    path: (c) => `/api/requests/${c.number}/comments`,
    params: byNumber,
    body: () => ({ body: "Looks good to me." }),
    expect: signedIn(201),
  },
  // The owner's own comment, posted a moment ago: only its author may change it (admins too are refused).
  {
    route: "requests/[number]/comments/[id]",
    method: "PATCH",
    what: "edit the owner's comment",
    path: (c) => `/api/requests/${c.number}/comments/${c.commentId}`,
    params: (c) => ({ number: c.number, id: c.commentId }),
    body: () => ({ body: "Looks good to me, after all." }),
    expect: { signedOut: 401, otherRequester: 403, owner: 200, admin: 403 },
  },
  {
    route: "requests/[number]/comments/[id]",
    method: "DELETE",
    what: "delete the owner's comment",
    path: (c) => `/api/requests/${c.number}/comments/${c.commentId}`,
    params: (c) => ({ number: c.number, id: c.commentId }),
    expect: { signedOut: 401, otherRequester: 403, owner: 200, admin: 403 },
  },
  {
    route: "requests/bulk-transitions",
    method: "POST",
    what: "bulk transition",
    path: () => "/api/requests/bulk-transitions",
    body: (c) => ({ numbers: [c.number], to: "IN_REVIEW" }),
    expect: { signedOut: 401, otherRequester: 403, owner: 403, admin: 200 },
  },
  {
    route: "requests/bulk-updates",
    method: "POST",
    what: "bulk assign and priority",
    path: () => "/api/requests/bulk-updates",
    body: (c) => ({ numbers: [c.number], priority: "HIGH" }),
    expect: { signedOut: 401, otherRequester: 403, owner: 403, admin: 200 },
  },
  { route: "requests/counts", method: "GET", what: "queue preset counts", path: () => "/api/requests/counts", expect: signedIn(200) },
  {
    route: "requests/similar",
    method: "GET",
    what: "possible duplicates while typing",
    path: (c) => `/api/requests/similar?name=${c.datasetName}`,
    expect: signedIn(200),
  },
  { route: "datasets", method: "GET", what: "the dataset catalog", path: () => "/api/datasets?team=payments", expect: signedIn(200) },
  { route: "datasets/export", method: "GET", what: "export the catalog", path: () => "/api/datasets/export?format=csv&team=nobody", expect: signedIn(200) },
  // The request of these rows has completed: its name is a live dataset.
  {
    route: "datasets/[datasetName]",
    method: "GET",
    what: "read a dataset",
    path: (c) => `/api/datasets/${c.datasetName}`,
    params: (c) => ({ datasetName: c.datasetName }),
    expect: signedIn(200),
  },
  {
    route: "datasets/[datasetName]",
    method: "PATCH",
    what: "set a dataset's provisioned facts (admins)",
    path: (c) => `/api/datasets/${c.datasetName}`,
    params: (c) => ({ datasetName: c.datasetName }),
    body: () => ({ endpoint: "kv-east-1.internal:7000" }),
    expect: { signedOut: 401, otherRequester: 403, owner: 403, admin: 200 },
  },
  { route: "users", method: "GET", what: "list people", path: () => "/api/users?role=ADMIN", expect: signedIn(200) },
  {
    route: "users/[id]",
    method: "PATCH",
    what: "change a person's role (admins)",
    path: () => "/api/users/other",
    params: () => ({ id: "other" }),
    body: () => ({ role: "REQUESTER", active: true }),
    expect: { signedOut: 401, otherRequester: 403, owner: 403, admin: 200 },
  },
  { route: "events", method: "GET", what: "change stream", path: () => "/api/events", expect: signedIn(200) },
  { route: "me", method: "GET", what: "who am I", path: () => "/api/me", expect: signedIn(200) },
  // Each person's own inbox; someone else's ids change nothing (tests/api/notifications.test.ts).
  { route: "inbox", method: "GET", what: "my notifications", path: () => "/api/inbox?unread=true", expect: signedIn(200) },
  {
    route: "inbox/read",
    method: "POST",
    what: "mark my notifications read",
    path: () => "/api/inbox/read",
    body: () => ({ all: true }),
    expect: signedIn(200),
  },
  { route: "me/notifications", method: "GET", what: "my mail choices", path: () => "/api/me/notifications", expect: signedIn(200) },
  {
    route: "me/notifications",
    method: "PUT",
    what: "change my mail choices",
    path: () => "/api/me/notifications",
    body: () => ({ email: { "request.updated": false } }),
    expect: signedIn(200),
  },
  ...(["GET", "PUT", "DELETE"] as const).map((method) => ({
    route: "requests/[number]/watch",
    method,
    what: `${{ GET: "whether I watch", PUT: "watch", DELETE: "unwatch" }[method]} a request (anyone may follow any request)`,
    path: (c: Ctx) => `/api/requests/${c.number}/watch`,
    params: byNumber,
    expect: signedIn(200),
  })),
  { route: "tokens", method: "GET", what: "list my tokens", path: () => "/api/tokens", expect: signedIn(200) },
  { route: "tokens", method: "POST", what: "create a token", path: () => "/api/tokens", body: () => ({ name: "ci" }), expect: signedIn(201) },
  {
    route: "tokens/[id]",
    method: "DELETE",
    what: "revoke the owner's token",
    path: (c) => `/api/tokens/${c.tokenId}`,
    params: (c) => ({ id: c.tokenId }),
    expect: { signedOut: 401, otherRequester: 404, owner: 204, admin: 404 },
  },
  { route: "views", method: "GET", what: "list my saved views", path: () => "/api/views", expect: signedIn(200) },
  {
    route: "views",
    method: "POST",
    what: "save a view",
    path: () => "/api/views",
    body: () => ({ name: "Stale work", query: "requester=all&stale=true" }),
    expect: signedIn(201),
  },
  {
    route: "views/[id]",
    method: "DELETE",
    what: "delete the owner's view",
    path: (c) => `/api/views/${c.viewId}`,
    params: (c) => ({ id: c.viewId }),
    expect: { signedOut: 401, otherRequester: 404, owner: 204, admin: 404 },
  },
  { route: "requests/export", method: "GET", what: "export the queue", path: () => "/api/requests/export?format=csv&team=nobody", expect: signedIn(200) },
  {
    route: "requests/import",
    method: "POST",
    what: "validate an import file",
    path: () => "/api/requests/import?mode=validate",
    body: () => [validRequestBody()],
    expect: signedIn(200),
  },
  // Webhooks: admins only (with a session or a token, tests/api/webhooks.test.ts); a literal
  // public address, so no DNS lookup is needed.
  { route: "webhooks", method: "GET", what: "list webhooks", path: () => "/api/webhooks", expect: adminsOnly(200) },
  {
    route: "webhooks",
    method: "POST",
    what: "register a webhook",
    path: () => "/api/webhooks",
    body: () => ({ url: "https://93.184.216.34/kvstore", events: ["request.status_changed"] }),
    expect: adminsOnly(201),
  },
  {
    route: "webhooks/[id]",
    method: "DELETE",
    what: "delete a webhook",
    path: (c) => `/api/webhooks/${c.webhookId}`,
    params: (c) => ({ id: c.webhookId }),
    expect: adminsOnly(204),
  },
  {
    route: "webhooks/[id]/deliveries",
    method: "GET",
    what: "a webhook's deliveries",
    path: (c) => `/api/webhooks/${c.webhookId}/deliveries`,
    params: (c) => ({ id: c.webhookId }),
    expect: adminsOnly(200),
  },
  {
    route: "webhooks/[id]/deliveries/[deliveryId]/redeliver",
    method: "POST",
    what: "redeliver a webhook delivery",
    path: (c) => `/api/webhooks/${c.webhookId}/deliveries/${c.deliveryId}/redeliver`,
    params: (c) => ({ id: c.webhookId, deliveryId: c.deliveryId }),
    expect: adminsOnly(202),
  },
  // The API's description holds no data; tools read it before they have credentials.
  { route: "openapi.json", method: "GET", what: "OpenAPI document", path: () => "/api/openapi.json", expect: all(200) },
  { route: "docs", method: "GET", what: "API reference page", path: () => "/api/docs", expect: all(200) },
  {
    route: "docs/[asset]",
    method: "GET",
    what: "reference page asset",
    path: () => "/api/docs/swagger-ui.css",
    params: () => ({ asset: "swagger-ui.css" }),
    expect: all(200),
  },
  // Probes answer load balancers, which carry no session; they reveal nothing.
  { route: "health", method: "GET", what: "liveness", path: () => "/api/health", expect: all(200) },
  { route: "ready", method: "GET", what: "readiness", path: () => "/api/ready", expect: all(200) },
  // Metrics answer the monitoring system's METRICS_TOKEN only: no session or API token opens
  // them (401), and they are off (404) without one (tests/api/observability.test.ts).
  { route: "metrics", method: "GET", what: "Prometheus metrics (METRICS_TOKEN set, not sent)", path: () => "/api/metrics", expect: all(401) },
  // better-auth's own endpoints: the session read answers everyone (null when signed out).
  {
    route: "auth/[...all]",
    method: "GET",
    what: "read the session",
    path: () => "/api/auth/get-session",
    params: () => ({ all: "get-session" }),
    expect: all(200),
  },
  {
    route: "auth/[...all]",
    method: "POST",
    what: "sign in with a wrong password",
    path: () => "/api/auth/sign-in/email",
    params: () => ({ all: "sign-in/email" }),
    body: () => ({ email: "owner@example.com", password: "not-the-password" }),
    expect: all(401),
  },
];

const API_DIR = path.join(process.cwd(), "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** route folder (relative to app/api) → its module, for every route.ts on disk. */
function discoverRoutes(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return discoverRoutes(full);
    return entry === "route.ts" ? [path.relative(API_DIR, dir).split(path.sep).join("/")] : [];
  });
}

async function loadRoute(route: string): Promise<Record<string, unknown>> {
  return import(`@/app/api/${route}/route`);
}

const refuses = (handler: unknown) => typeof handler === "function" && REFUSES_METHOD in handler;
/** The methods a route serves (not the ones it answers 405 for). */
const servedMethods = (mod: Record<string, unknown>) => METHODS.filter((m) => typeof mod[m] === "function" && !refuses(mod[m]));

const cookies: Partial<Record<Persona, string>> = {};
let owner: ReturnType<typeof toSessionUser>;
let admin: ReturnType<typeof toSessionUser>;

beforeAll(async () => {
  owner = toSessionUser(await createUser("owner", "REQUESTER", "payments"));
  await createUser("other", "REQUESTER", "search");
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
  cookies.owner = await signIn("owner@example.com", TEST_PASSWORD);
  cookies.otherRequester = await signIn("other@example.com", TEST_PASSWORD);
  cookies.admin = await signIn("admin@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

it("has a row for every method of every route under app/api", async () => {
  const missing: string[] = [];
  for (const route of discoverRoutes()) {
    const mod = await loadRoute(route);
    for (const method of servedMethods(mod)) {
      if (!ROWS.some((r) => r.route === route && r.method === method)) missing.push(`${method} app/api/${route}`);
    }
  }
  expect(missing).toEqual([]);
});

async function snapshot(number: string) {
  const n = Number(number.slice(3));
  const row = await db.datasetRequest.findUniqueOrThrow({ where: { number: n } });
  const dataset = await db.dataset.findUnique({ where: { originRequestNumber: n }, include: { changes: true } });
  return {
    row,
    dataset,
    events: await db.requestEvent.count({ where: { requestNumber: n } }),
    comments: await db.comment.findMany({ where: { requestNumber: n } }),
  };
}

describe.each(ROWS)("$method app/api/$route ($what)", (row) => {
  it.each(PERSONAS)("as %s", async (persona) => {
    // A fresh request owned by "owner" for every call, so calls do not disturb each other.
    const submitted = await createRequest(owner, createRequestBodySchema.parse(validRequestBody()));
    const created = row.route === "datasets/[datasetName]" ? await completeRequest(admin, submitted.number) : submitted;
    const tokenId = row.route === "tokens/[id]" ? (await createToken(owner, { name: `revoke-me-${persona}` })).id : "";
    const commentId =
      row.route === "requests/[number]/comments/[id]" ? String((await addComment(owner, created.number, { body: "Looks good to me." })).id) : "";
    const viewId =
      row.route === "views/[id]" ? (await createView(owner, createViewBodySchema.parse({ name: `Delete me ${persona}`, query: "requester=me" }))).id : "";
    const webhookId = row.route.startsWith("webhooks/[id]")
      ? (await createWebhook(admin, { url: "https://93.184.216.34/kvstore", events: ["request.created"] })).id
      : "";
    const deliveryId = webhookId ? `evt_${persona}:webhook:${webhookId}` : "";
    if (deliveryId) {
      await db.outboxItem.create({
        data: { channel: "webhook", deliveryId, target: webhookId, requestNumber: Number(created.number.slice(3)), payload: "{}", deliveredAt: new Date() },
      });
    }
    const ctx: Ctx = { number: created.number, version: created.version, datasetName: created.datasetName, tokenId, commentId, viewId, webhookId, deliveryId };
    const before = await snapshot(ctx.number);
    const mod = await loadRoute(row.route);
    const abort = new AbortController();
    const res = await call(mod[row.method] as never, row.method, row.path(ctx), {
      cookie: cookies[persona],
      params: row.params?.(ctx),
      body: row.body?.(ctx),
      headers: row.body ? { origin: "http://localhost:3000" } : undefined,
      signal: abort.signal,
      streaming: row.route === "events",
    });
    abort.abort();
    expect(res.status).toBe(row.expect[persona]);
    if (res.status >= 400 && !row.route.startsWith("auth/")) {
      expect(res.json).toEqual({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) } });
      expect(await snapshot(ctx.number)).toEqual(before);
    }
  });
});

it("answers every method a route does not serve with 405 in the error shape, naming the methods that work", async () => {
  let checked = 0;
  for (const route of discoverRoutes()) {
    const mod = await loadRoute(route);
    const served = servedMethods(mod);
    for (const method of METHODS.filter((m) => !served.includes(m))) {
      for (const cookie of [undefined, cookies.admin]) {
        const res = await call(mod[method] as never, method, `/api/${route}`, { cookie });
        expect({ route, method, status: res.status, json: res.json }).toEqual({
          route,
          method,
          status: 405,
          json: { error: { code: "METHOD_NOT_ALLOWED", message: expect.stringContaining(served[0]!), details: [] } },
        });
        expect(res.headers.get("allow")?.split(", ")).toEqual(expect.arrayContaining([...served, "OPTIONS"]));
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(100);
});
