// Logs and metrics (issue #19): the request id (honoured, generated, sent back, in error
// bodies), the request log line and what it must never hold, GET /api/metrics (token
// rules, the text format, counters that move, open/stale figures against the database),
// and the route patterns used as labels. The request-id tests go through a real
// http.Server with the app's request hook installed, as the production server does.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import * as meRoute from "@/app/api/me/route";
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as metricsRoute from "@/app/api/metrics/route";
import * as eventsRoute from "@/app/api/events/route";
import { db } from "@/lib/db";
import { writeConnection } from "@/lib/db/sqlite-connections";
import { asDatabaseOutage } from "@/lib/db/availability";
import { stampRawRequests } from "@/lib/security/stamp-raw-request";
import { redirectLogsForTest } from "@/lib/observability/state";
import { OTHER_PATTERNS, PAGE_PATTERNS, UNMATCHED, routePattern } from "@/lib/observability/route-patterns";
import { ENDPOINTS } from "@/lib/openapi/endpoints";
import { errorBodySchema } from "@/lib/api/errors";
import { OPEN_STATUSES } from "@/lib/domain/requests/options";
import { isStale } from "@/lib/domain/requests/staleness";
import { createToken } from "@/lib/data/tokens/api-tokens";
import { createRequest } from "@/lib/data/requests/create-request";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { toSessionUser } from "@/lib/auth/roles";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

const METRICS_TOKEN = process.env.METRICS_TOKEN!; // tests/setup/test-database.ts
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// ---- a real http.Server with the hook, dispatching to the route handlers ---------------

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: { path: RegExp; param?: string; handlers: Record<string, unknown> }[] = [
  { path: /^\/api\/me$/, handlers: meRoute },
  { path: /^\/api\/requests$/, handlers: requestsRoute },
  { path: /^\/api\/requests\/([^/]+)$/, param: "number", handlers: requestRoute },
  { path: /^\/api\/metrics$/, handlers: metricsRoute },
];

let server: http.Server;
let base: string;
let uninstall: () => void;
const lines: Record<string, any>[] = [];
let restoreLogs: () => void;

async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost:3000");
  const route = ROUTES.find((r) => r.path.test(url.pathname));
  if (!route) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const params = route.param ? { [route.param]: decodeURIComponent(url.pathname.match(route.path)![1]!) } : {};
  const response = await (route.handlers[req.method ?? "GET"] as Handler)(request, { params: Promise.resolve(params) });
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.writeHead(response.status);
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function send(method: string, path: string, { headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", origin: "http://localhost:3000", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, requestId: res.headers.get("x-request-id"), json, text };
}

/** The log line of a request: written when its response closes, a moment after the client has it. */
async function lineFor(requestId: string | null) {
  for (let i = 0; i < 100; i++) {
    const found = lines.filter((l) => l.requestId === requestId && l.msg === "request");
    if (found.length) {
      expect(found).toHaveLength(1);
      return found[0]!;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no log line for ${requestId}`);
}

let cookie: string;
let token: string;
let tokenId: string;
let userId: string;

beforeAll(async () => {
  const user = await createUser("olive", "REQUESTER", "payments");
  userId = user.id;
  cookie = await signIn("olive@example.com", TEST_PASSWORD);
  const created = await createToken(toSessionUser(user), { name: "observability test" });
  token = created.token;
  tokenId = created.id;
  restoreLogs = redirectLogsForTest({ write: (line: string) => void lines.push(JSON.parse(line)) });
  uninstall = stampRawRequests();
  server = http.createServer((req, res) => void serve(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  uninstall();
  restoreLogs();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

// ---- request ids and the log line ---------------------------------------------------

describe("request id", () => {
  it("honours a sane incoming X-Request-Id, sends it back and logs it with the request's fields", async () => {
    const res = await send("GET", "/api/me", { headers: { cookie, "x-request-id": "client-42.A_b" } });
    expect(res.status).toBe(200);
    expect(res.requestId).toBe("client-42.A_b");
    const line = await lineFor("client-42.A_b");
    expect(line).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      requestId: "client-42.A_b",
      method: "GET",
      route: "/api/me",
      status: 200,
      durationMs: expect.any(Number),
      userId,
      msg: "request",
    });
  });

  it("makes one when none is sent, or when the one sent is not a sane token", async () => {
    const none = await send("GET", "/api/me", { headers: { cookie } });
    expect(none.requestId).toMatch(UUID);
    for (const bad of ["has space", "a,b", "x".repeat(129), "<script>", "ünïcode", ""]) {
      const res = await send("GET", "/api/me", { headers: { cookie, "x-request-id": bad } });
      expect(res.requestId).toMatch(UUID);
      expect((await lineFor(res.requestId)).requestId).toBe(res.requestId);
    }
    const longest = await send("GET", "/api/me", { headers: { cookie, "x-request-id": "y".repeat(128) } });
    expect(longest.requestId).toBe("y".repeat(128));
  });

  it("is in every error body, the same as the header", async () => {
    const cases = [
      await send("GET", "/api/requests/KV-999999", { headers: { cookie } }), // 404
      await send("GET", "/api/me"), // 401
      await send("POST", "/api/requests", { headers: { cookie, "x-request-id": "quote-me" }, body: { useCase: "x" } }), // 400
      await send("DELETE", "/api/me", { headers: { cookie } }), // 405
    ];
    expect(cases.map((c) => c.status)).toEqual([404, 401, 400, 405]);
    for (const c of cases) {
      expect(errorBodySchema.parse(c.json).error.requestId).toBe(c.requestId);
      expect(c.requestId).toBeTruthy();
    }
    expect(cases[2]!.json.error.requestId).toBe("quote-me");
    // Route patterns, never the raw path: the 404's line names /api/requests/{number}.
    expect((await lineFor(cases[0]!.requestId)).route).toBe("/api/requests/{number}");
    expect(await lineFor(cases[1]!.requestId)).not.toHaveProperty("userId");
  });

  it("logs the token's id for token calls, and never a token, cookie, query or body", async () => {
    const marker = "MARKER-body-5b1e";
    const byToken = await send("GET", "/api/me", { headers: { authorization: `Bearer ${token}` } });
    expect(await lineFor(byToken.requestId)).toMatchObject({ userId, tokenId, route: "/api/me" });
    const withQuery = await send("GET", "/api/requests?q=MARKER-query-77d0&pageSize=5", { headers: { cookie } });
    expect(await lineFor(withQuery.requestId)).toMatchObject({ route: "/api/requests", status: 200 });
    const withBody = await send("POST", "/api/requests", { headers: { cookie }, body: validRequestBody({ useCase: `${marker} and then some words` }) });
    expect(withBody.status).toBe(201);
    await lineFor(withBody.requestId);
    const everything = JSON.stringify(lines);
    for (const secret of [token, token.slice(4), cookie, cookie.split("=")[1]!, marker, "MARKER-query", TEST_PASSWORD]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("an unexpected error is one pino error line with the request id the 500 body quotes, and no body", async () => {
    const secret = "do-not-log-this-7c1d";
    writeConnection().exec(
      `CREATE TEMP TRIGGER "fail_create" BEFORE INSERT ON main."DatasetRequest" BEGIN SELECT RAISE(ABORT, 'INSERT INTO "DatasetRequest" failed: ' || NEW."useCase"); END`,
    );
    try {
      const res = await send("POST", "/api/requests", {
        headers: { cookie, "x-request-id": "boom-1" },
        body: validRequestBody({ useCase: `${secret} and more words` }),
      });
      expect(res.status).toBe(500);
      expect(res.json.error).toMatchObject({ code: "INTERNAL", requestId: "boom-1" });
      expect(await lineFor("boom-1")).toMatchObject({ level: "error", status: 500, route: "/api/requests", method: "POST" });
      const errorLines = lines.filter((l) => l.requestId === "boom-1" && l.msg === "unexpected error");
      expect(errorLines).toEqual([expect.objectContaining({ level: "error", error: expect.stringContaining("SqliteError SQLITE_CONSTRAINT_TRIGGER") })]);
      expect(JSON.stringify(lines)).not.toContain(secret);
    } finally {
      writeConnection().exec(`DROP TRIGGER temp."fail_create"`);
    }
  });
});

// ---- GET /api/metrics ----------------------------------------------------------------

/** Prometheus text format 0.0.4 → samples; throws on any line that is not HELP, TYPE or a sample. */
function parseMetrics(text: string) {
  const types = new Map<string, string>();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") types.set(meta[2]!, meta[3]!);
      continue;
    }
    // Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan").
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|[Nn][Aa][Nn]|[+-]?[Ii][Nn][Ff])$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus line: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (sample[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!;
    const family = sample[1]!.replace(/_(bucket|sum|count)$/, "");
    if (!types.has(sample[1]!) && !types.has(family)) throw new Error(`sample without a TYPE: ${line}`);
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

async function scrape() {
  const res = await call(metricsRoute.GET as never, "GET", "/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(res.json as string);
}
const value = (m: ReturnType<typeof parseMetrics>, name: string, labels: Record<string, string> = {}) =>
  m.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe("GET /api/metrics", () => {
  it("answers only the METRICS_TOKEN as a bearer token: 401 without it, with a wrong one, or with a session or API token", async () => {
    const attempts: Record<string, string | undefined>[] = [
      {},
      { authorization: `Bearer ${METRICS_TOKEN}x` },
      { authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}` },
      { authorization: METRICS_TOKEN },
      { authorization: `Basic ${METRICS_TOKEN}` },
      { authorization: `Bearer ${token}` },
      { cookie },
    ];
    for (const headers of attempts) {
      const res = await call(metricsRoute.GET as never, "GET", "/api/metrics", { headers: headers as Record<string, string> });
      expect(res.status).toBe(401);
      expect(errorBodySchema.parse(res.json).error.code).toBe("UNAUTHENTICATED");
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    }
    const ok = await call(metricsRoute.GET as never, "GET", "/api/metrics", { headers: { authorization: `bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    const unknownQuery = await call(metricsRoute.GET as never, "GET", "/api/metrics?x=1", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(unknownQuery.status).toBe(400);
  });

  it("is off (404 in the error envelope) when METRICS_TOKEN is unset or empty", async () => {
    for (const unset of [undefined, ""]) {
      await jest.isolateModulesAsync(async () => {
        const saved = process.env.METRICS_TOKEN;
        if (unset === undefined) delete process.env.METRICS_TOKEN;
        else process.env.METRICS_TOKEN = unset;
        try {
          const route = await import("@/app/api/metrics/route");
          const res = await call(route.GET as never, "GET", "/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
          expect(res.status).toBe(404);
          expect(errorBodySchema.parse(res.json).error.code).toBe("NOT_FOUND");
        } finally {
          process.env.METRICS_TOKEN = saved;
        }
      });
    }
  });

  it("is valid Prometheus text with every metric the README lists", async () => {
    const m = await scrape();
    for (const [name, type] of [
      ["kvstore_http_request_duration_seconds", "histogram"],
      ["kvstore_requests_open", "gauge"],
      ["kvstore_requests_stale", "gauge"],
      ["kvstore_event_stream_connections", "gauge"],
      ["kvstore_outbox_pending", "gauge"],
      ["kvstore_outbox_oldest_pending_age_seconds", "gauge"],
      ["kvstore_database_errors_total", "counter"],
      ["kvstore_database_unavailable_total", "counter"],
      ["process_resident_memory_bytes", "gauge"],
      ["nodejs_eventloop_lag_p99_seconds", "gauge"],
    ]) {
      expect({ name, type: m.types.get(name!) }).toEqual({ name, type });
    }
  });

  it("counts a request in its histogram by route pattern, method and status", async () => {
    const labels = { route: "/api/requests/{number}", method: "GET", status: "404" };
    const before = value(await scrape(), "kvstore_http_request_duration_seconds_count", labels) ?? 0;
    await send("GET", "/api/requests/KV-888888", { headers: { cookie } });
    await send("GET", "/api/requests/KV-777777", { headers: { cookie } });
    await new Promise((r) => setTimeout(r, 50)); // observed when the response closes
    const after = await scrape();
    expect(value(after, "kvstore_http_request_duration_seconds_count", labels)).toBe(before + 2);
    expect(value(after, "kvstore_http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(before + 2);
    // No series ever carries a raw path.
    expect(after.samples.some((s) => /KV-\d/.test(s.labels.route ?? ""))).toBe(false);
  });

  it("reports open and stale requests by status as the database has them now", async () => {
    const owner = toSessionUser(await createUser("stella", "REQUESTER", "search"));
    const DAY = 86_400_000;
    // Some requests moved into statuses, some long ago (stale), some just now.
    const plan: [string, number][] = [
      ["IN_REVIEW", 30],
      ["IN_REVIEW", 0],
      ["NEEDS_INFO", 10],
      ["APPROVED", 1],
      ["SUBMITTED", 5],
      ["REJECTED", 100],
      ["COMPLETED", 100],
    ];
    for (const [status, daysAgo] of plan) {
      const created = await createRequest(owner, createRequestBodySchema.parse(validRequestBody()));
      await db.datasetRequest.update({
        where: { number: Number(created.number.slice(3)) },
        data: { status, statusChangedAt: new Date(Date.now() - daysAgo * DAY) },
      });
    }
    const m = await scrape();
    const rows = await db.datasetRequest.findMany({ select: { status: true, statusChangedAt: true } });
    const now = Date.now();
    for (const status of OPEN_STATUSES) {
      const open = rows.filter((r) => r.status === status);
      const stale = open.filter((r) => isStale(status, r.statusChangedAt.toISOString(), now));
      expect({ status, open: value(m, "kvstore_requests_open", { status }), stale: value(m, "kvstore_requests_stale", { status }) }).toEqual({
        status,
        open: open.length,
        stale: stale.length,
      });
    }
    expect(value(m, "kvstore_requests_stale", { status: "IN_REVIEW" })).toBeGreaterThanOrEqual(1);
    expect(value(m, "kvstore_requests_open", { status: "REJECTED" })).toBeUndefined();
  });

  it("reports the outbox's backlog by channel: items waiting, and the oldest one's age", async () => {
    const MINUTE = 60_000;
    const item = (n: number, minutesAgo: number, done: { deliveredAt?: Date; failedAt?: Date } = {}) => ({
      channel: "metrics-test",
      deliveryId: `metrics-test-${n}`,
      payload: "{}",
      createdAt: new Date(Date.now() - minutesAgo * MINUTE),
      ...done,
    });
    await db.outboxItem.createMany({
      data: [item(1, 30, { deliveredAt: new Date() }), item(2, 20, { failedAt: new Date() }), item(3, 10), item(4, 2)],
    });
    const m = await scrape();
    expect(m.types.get("kvstore_outbox_pending")).toBe("gauge");
    expect(m.types.get("kvstore_outbox_oldest_pending_age_seconds")).toBe("gauge");
    // Delivered and given-up items do not count; the oldest waiting one is 10 minutes old.
    expect(value(m, "kvstore_outbox_pending", { channel: "metrics-test" })).toBe(2);
    const age = value(m, "kvstore_outbox_oldest_pending_age_seconds", { channel: "metrics-test" })!;
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(660);
    // Once delivered, the channel's series go away.
    await db.outboxItem.updateMany({ where: { channel: "metrics-test" }, data: { deliveredAt: new Date() } });
    const after = await scrape();
    expect(value(after, "kvstore_outbox_pending", { channel: "metrics-test" })).toBeUndefined();
    expect(value(after, "kvstore_outbox_oldest_pending_age_seconds", { channel: "metrics-test" })).toBeUndefined();
  });

  it("counts open live-update streams", async () => {
    const before = value(await scrape(), "kvstore_event_stream_connections")!;
    const abort = new AbortController();
    const res = await eventsRoute.GET(new Request("http://localhost:3000/api/events", { headers: { cookie }, signal: abort.signal }), {
      params: Promise.resolve({}),
    } as never);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the stream has started
    expect(value(await scrape(), "kvstore_event_stream_connections")).toBe(before + 1);
    abort.abort();
    await reader.cancel().catch(() => {});
    expect(value(await scrape(), "kvstore_event_stream_connections")).toBe(before);
  });

  it("counts database outages by code and the 503s they become by reason", async () => {
    const before = await scrape();
    const outage = asDatabaseOutage(Object.assign(new Error("disk I/O error"), { name: "SqliteError", code: "SQLITE_IOERR_WRITE" }));
    expect(outage?.status).toBe(503);
    expect(asDatabaseOutage(new Error("an ordinary bug"))).toBeNull();
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string>) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
    expect(grew("kvstore_database_errors_total", { code: "SQLITE_IOERR_WRITE" })).toBe(1);
    expect(grew("kvstore_database_unavailable_total", { reason: "unreachable" })).toBe(1);
  });
});

// ---- route patterns ------------------------------------------------------------------

describe("route patterns", () => {
  const APP_DIR = path.join(process.cwd(), "app");
  /** Every folder under app/ with a page.tsx, as its URL pattern (route groups left out). */
  const pages = (dir = APP_DIR): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return entry === "api" ? [] : pages(full);
      if (entry !== "page.tsx") return [];
      const segments = path
        .relative(APP_DIR, dir)
        .split(path.sep)
        .filter((s) => s && !/^\(.*\)$/.test(s));
      return ["/" + segments.join("/")];
    });

  it("lists every page under app/ (and / , which redirects to /requests)", () => {
    expect([...PAGE_PATTERNS].sort()).toEqual([...new Set(["/", ...pages()])].sort());
  });

  it("maps every declared API path to itself, whatever its parameters hold", () => {
    for (const { path: p } of ENDPOINTS) {
      const concrete = p.replace(/\{[^}]+\}/g, "KV-12");
      expect({ p, got: routePattern(concrete) }).toEqual({ p, got: p });
      expect({ p, got: routePattern(`${concrete}?a=1&b=2`) }).toEqual({ p, got: p });
    }
    for (const p of [...PAGE_PATTERNS, ...OTHER_PATTERNS]) {
      expect(routePattern(p.replace(/\[(\.\.\.)?[^\]]+\]/g, "x-1"))).toBe(p);
    }
  });

  it.each([
    ["/api/requests/KV-12", "/api/requests/{number}"],
    ["/api/requests/export?format=csv", "/api/requests/export"],
    ["/api/requests/similar?name=x", "/api/requests/similar"],
    ["/api/requests/KV-3/transitions", "/api/requests/{number}/transitions"],
    ["/api/datasets/payments_ledger", "/api/datasets/{datasetName}"],
    ["/api/auth/get-session", "/api/auth/[...all]"],
    ["/api/auth/sign-in/email", "/api/auth/sign-in/email"],
    ["/api/docs/swagger-ui.css", "/api/docs/{asset}"],
    ["/requests", "/requests"],
    ["/requests/", "/requests"],
    ["/requests?status=SUBMITTED", "/requests"],
    ["/requests/new", "/requests/new"],
    ["/requests/KV-9", "/requests/[number]"],
    ["/requests/KV-9/edit", "/requests/[number]/edit"],
    ["/requests/KV-9.rsc", "/requests/[number]"],
    ["/datasets/some_name", "/datasets/[datasetName]"],
    ["/", "/"],
    ["/_next/static/chunks/app-1234.js", "/_next/static/[...file]"],
    ["/nope", UNMATCHED],
    ["/api/nope/deeper", UNMATCHED],
    ["/requests/KV-9/edit/more", UNMATCHED],
    ["*", UNMATCHED],
  ])("%s → %s", (input, expected) => {
    expect(routePattern(input)).toBe(expected);
  });

  it("gives every route file under app/api a pattern", () => {
    const API_DIR = path.join(APP_DIR, "api");
    const routes = (dir = API_DIR): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) return routes(full);
        return entry === "route.ts" ? ["/api/" + path.relative(API_DIR, dir).split(path.sep).join("/")] : [];
      });
    for (const route of routes()) {
      const concrete = route.replace(/\[(\.\.\.)?[^\]]+\]/g, "x-1").replace(/\/$/, "");
      expect({ route, got: routePattern(concrete) }).not.toEqual({ route, got: UNMATCHED });
    }
  });
});
