// The requests API through its real route handlers, better-auth sessions and a real
// (temporary) SQLite database.
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as datasetRoute from "@/app/api/datasets/[datasetName]/route";
import * as healthRoute from "@/app/api/health/route";
import * as readyRoute from "@/app/api/ready/route";
import { db } from "@/lib/db";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

let alice: string;
let bob: string;

beforeAll(async () => {
  await createUser("alice", "REQUESTER", "payments");
  await createUser("bob", "REQUESTER", "search");
  alice = await signIn("alice@example.com", TEST_PASSWORD);
  bob = await signIn("bob@example.com", TEST_PASSWORD);
});

afterAll(async () => {
  await db.$disconnect();
});

const expectErrorShape = (json: any, code: string) => {
  expect(json).toEqual({ error: { code, message: expect.any(String), details: expect.any(Array) } });
};

describe("authentication", () => {
  it.each([
    ["GET /api/requests", () => call(requestsRoute.GET, "GET", "/api/requests")],
    ["POST /api/requests", () => call(requestsRoute.POST, "POST", "/api/requests", { body: validRequestBody() })],
    ["GET /api/requests/KV-1", () => call(requestRoute.GET, "GET", "/api/requests/KV-1", { params: { number: "KV-1" } })],
    ["GET /api/datasets/x", () => call(datasetRoute.GET, "GET", "/api/datasets/xyz", { params: { datasetName: "xyz" } })],
  ])("%s answers 401 signed out", async (_, send) => {
    const res = await send();
    expect(res.status).toBe(401);
    expectErrorShape(res.json, "UNAUTHENTICATED");
  });

  it("refuses a forged session cookie", async () => {
    const res = await call(requestsRoute.GET, "GET", "/api/requests", { cookie: "better-auth.session_token=forged.value" });
    expect(res.status).toBe(401);
  });

  it("keeps the probes public", async () => {
    expect((await call(healthRoute.GET, "GET", "/api/health")).status).toBe(200);
    expect((await call(readyRoute.GET, "GET", "/api/ready")).json).toEqual({ status: "ready" });
  });
});

describe("POST /api/requests", () => {
  it("creates a request: 201, Location, SUBMITTED, the first history event", async () => {
    const body = validRequestBody({ requestType: "MIGRATION", sourceSystem: "REDIS", estimatedKeyCount: "18000000000" });
    const res = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body });
    expect(res.status).toBe(201);
    expect(res.json.number).toMatch(/^KV-\d+$/);
    expect(res.headers.get("location")).toBe(`/api/requests/${res.json.number}`);
    expect(res.json).toMatchObject({
      datasetName: body.datasetName,
      status: "SUBMITTED",
      requester: { id: "alice" },
      estimatedKeyCount: "18000000000",
      sourceSystem: "REDIS",
      version: 1,
    });
    expect(res.json.history).toEqual([expect.objectContaining({ kind: "CREATED", toStatus: "SUBMITTED", actor: expect.objectContaining({ id: "alice" }) })]);

    const stored = await db.datasetRequest.findUniqueOrThrow({ where: { number: Number(res.json.number.slice(3)) } });
    expect(stored.estimatedKeyCount).toBe(BigInt("18000000000"));
    expect(stored.liveDatasetName).toBe(body.datasetName);
  });

  it("numbers requests sequentially", async () => {
    const a = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body: validRequestBody() });
    const b = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: bob, body: validRequestBody() });
    expect(Number(b.json.number.slice(3))).toBe(Number(a.json.number.slice(3)) + 1);
  });

  it("refuses a second live request for a dataset name with 409", async () => {
    const body = validRequestBody();
    expect((await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body })).status).toBe(201);
    const before = await db.datasetRequest.count();
    const res = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: bob, body: { ...body, ownerTeam: "search" } });
    expect(res.status).toBe(409);
    expectErrorShape(res.json, "DUPLICATE_DATASET_NAME");
    expect(res.json.error.details).toEqual([{ path: "datasetName", message: expect.any(String) }]);
    expect(await db.datasetRequest.count()).toBe(before);
  });

  it("answers 400 with a detail per invalid field, unknown fields included", async () => {
    const before = await db.datasetRequest.count();
    const res = await call(requestsRoute.POST, "POST", "/api/requests", {
      cookie: alice,
      body: { ...validRequestBody({ requestType: "MIGRATION", p99LatencyMs: 0 }), status: "COMPLETED" },
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.json, "VALIDATION_FAILED");
    const paths = res.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["status", "p99LatencyMs", "sourceSystem"]));
    expect(await db.datasetRequest.count()).toBe(before);
  });

  it("answers 415 to a body that is not JSON, 400 to malformed JSON, 413 over 64 KB", async () => {
    const text = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, rawBody: "{}", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    expectErrorShape(text.json, "UNSUPPORTED_MEDIA_TYPE");

    const malformed = await call(requestsRoute.POST, "POST", "/api/requests", {
      cookie: alice,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expectErrorShape(malformed.json, "BAD_REQUEST");

    const huge = await call(requestsRoute.POST, "POST", "/api/requests", {
      cookie: alice,
      body: validRequestBody({ useCase: "x".repeat(70 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expectErrorShape(huge.json, "PAYLOAD_TOO_LARGE");
  });
});

describe("GET /api/requests", () => {
  beforeAll(async () => {
    // A known little set owned by bob, in team "search-list".
    for (const [name, priority] of [
      ["list_charlie", "LOW"],
      ["list_alpha", "URGENT"],
      ["list_bravo", "MEDIUM"],
    ] as const) {
      await call(requestsRoute.POST, "POST", "/api/requests", {
        cookie: bob,
        body: validRequestBody({ datasetName: name, priority, ownerTeam: "search-list", useCase: `Lookup table for the ${name} ranking experiment.` }),
      });
    }
  });

  const list = async (query: string, cookie = alice) => call(requestsRoute.GET, "GET", `/api/requests?${query}`, { cookie });

  it("returns items, total, page and pageSize", async () => {
    const res = await list("team=search-list");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    expect(res.json.items).toHaveLength(3);
  });

  it("sorts by dataset name both ways", async () => {
    const asc = await list("team=search-list&sort=datasetName&order=asc");
    expect(asc.json.items.map((r: any) => r.datasetName)).toEqual(["list_alpha", "list_bravo", "list_charlie"]);
    const desc = await list("team=search-list&sort=datasetName&order=desc");
    expect(desc.json.items.map((r: any) => r.datasetName)).toEqual(["list_charlie", "list_bravo", "list_alpha"]);
  });

  it("sorts priority by urgency, not alphabetically", async () => {
    const res = await list("team=search-list&sort=priority&order=desc");
    expect(res.json.items.map((r: any) => r.priority)).toEqual(["URGENT", "MEDIUM", "LOW"]);
  });

  it("pages on the server without overlap", async () => {
    const one = await list("team=search-list&sort=datasetName&order=asc&pageSize=2&page=1");
    const two = await list("team=search-list&sort=datasetName&order=asc&pageSize=2&page=2");
    expect(one.json.items.map((r: any) => r.datasetName)).toEqual(["list_alpha", "list_bravo"]);
    expect(two.json.items.map((r: any) => r.datasetName)).toEqual(["list_charlie"]);
    expect(two.json.total).toBe(3);
  });

  it("pages from the previous page's nextCursor (after=) exactly as by page number, and refuses a cursor that is not one", async () => {
    const view = "team=search-list&sort=datasetName&order=asc&pageSize=2";
    const one = await list(`${view}&page=1`);
    expect(one.json.nextCursor).toEqual(expect.any(String));
    const two = await list(`${view}&page=2&after=${one.json.nextCursor}`);
    expect(two.status).toBe(200);
    expect(two.json).toMatchObject({ page: 2, total: 3, nextCursor: null });
    expect(two.json.items.map((r: any) => r.datasetName)).toEqual(["list_charlie"]);
    expect((await list(`${view}&page=2`)).json.items).toEqual(two.json.items);

    for (const bad of ["not-a-cursor!", "eyJ4IjoxfQ", Buffer.from('["datasetName","asc",7,1]').toString("base64url")]) {
      const res = await list(`${view}&page=2&after=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expectErrorShape(res.json, "VALIDATION_FAILED");
      expect(res.json.error.details).toEqual([{ path: "after", message: "after must be a nextCursor from an earlier page of this list" }]);
    }
    // A cursor of another order would start the page at the wrong place.
    const otherOrder = await list(`team=search-list&sort=datasetName&order=desc&pageSize=2&page=2&after=${one.json.nextCursor}`);
    expect(otherOrder.status).toBe(400);
    expect(otherOrder.json.error.details.map((d: any) => d.path)).toEqual(["after"]);
  });

  it("filters by requester 'me', status, type, priority and free text", async () => {
    const mine = await list("requester=me", bob);
    expect(mine.json.items.length).toBeGreaterThanOrEqual(3);
    expect(mine.json.items.every((r: any) => r.requester.id === "bob")).toBe(true);

    expect((await list("team=search-list&priority=URGENT")).json.items.map((r: any) => r.datasetName)).toEqual(["list_alpha"]);
    expect((await list("team=search-list&status=SUBMITTED&status=IN_REVIEW")).json.total).toBe(3);
    expect((await list("team=search-list&status=COMPLETED")).json.total).toBe(0);
    expect((await list("team=search-list&type=MIGRATION")).json.total).toBe(0);
    expect((await list("q=BRAVO")).json.items.map((r: any) => r.datasetName)).toEqual(["list_bravo"]);
    expect((await list("q=ranking experiment&team=search-list")).json.total).toBe(3);
  });

  it("searches substrings of 3+ characters in any case, and 1–2 as a prefix", async () => {
    expect((await list("q=ravo")).json.items.map((r: any) => r.datasetName)).toEqual(["list_bravo"]);
    expect((await list("q=T_CHAR")).json.items.map((r: any) => r.datasetName)).toEqual(["list_charlie"]);
    expect((await list("q=RANKING EXPERIMENT&sort=datasetName&order=asc")).json.items.map((r: any) => r.datasetName)).toEqual([
      "list_alpha",
      "list_bravo",
      "list_charlie",
    ]);
    // Too short for a substring: names and teams that start with it.
    expect((await list("q=li&team=search-list")).json.total).toBe(3);
    expect((await list("q=se&team=search-list")).json.total).toBe(3);
    expect((await list("q=av&team=search-list")).json.total).toBe(0);
  });

  it("finds a request by its number in free text", async () => {
    const target = (await list("q=list_charlie")).json.items[0];
    const res = await list(`q=${target.number}`);
    expect(res.json.items.map((r: any) => r.number)).toContain(target.number);
  });

  it("answers 400 to bad parameters", async () => {
    const res = await list("pageSize=500&sort=nope&extra=1");
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: any) => d.path).sort()).toEqual(["extra", "pageSize", "sort"]);
  });
});

describe("reading one request", () => {
  it("by number, in either form, for any signed-in user", async () => {
    const created = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body: validRequestBody() });
    const n = created.json.number as string;
    for (const form of [n, n.slice(3), n.toLowerCase()]) {
      const res = await call(requestRoute.GET, "GET", `/api/requests/${form}`, { cookie: bob, params: { number: form } });
      expect(res.status).toBe(200);
      expect(res.json.number).toBe(n);
    }
  });

  it("404 for a number that does not exist or is not a number", async () => {
    for (const number of ["KV-999999", "abc"]) {
      const res = await call(requestRoute.GET, "GET", `/api/requests/${number}`, { cookie: alice, params: { number } });
      expect(res.status).toBe(404);
      expectErrorShape(res.json, "NOT_FOUND");
    }
  });

  // GET /api/datasets/{name} answers datasets (issue 14): a request that has not completed is none yet.
  it("not by dataset name until its request completes", async () => {
    const body = validRequestBody();
    const created = await call(requestsRoute.POST, "POST", "/api/requests", { cookie: alice, body });
    expect(created.status).toBe(201);
    const res = await call(datasetRoute.GET, "GET", `/api/datasets/${body.datasetName}`, { cookie: bob, params: { datasetName: body.datasetName } });
    expect(res.status).toBe(404);
    const missing = await call(datasetRoute.GET, "GET", "/api/datasets/no_such_thing", { cookie: bob, params: { datasetName: "no_such_thing" } });
    expect(missing.status).toBe(404);
  });
});
