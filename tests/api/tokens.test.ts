// Personal API tokens: created and revoked with a browser session, shown once, stored
// hashed, and accepted as Authorization: Bearer with the user's current role.
import * as tokensRoute from "@/app/api/tokens/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as meRoute from "@/app/api/me/route";
import * as requestsRoute from "@/app/api/requests/route";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/data/tokens/api-tokens";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;
let dana: string;
let erin: string;

beforeAll(async () => {
  await createUser("dana", "REQUESTER", "maps");
  await createUser("erin", "REQUESTER", "search");
  dana = await signIn("dana@example.com", TEST_PASSWORD);
  erin = await signIn("erin@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const createToken = async (cookie: string, name = "backup job") => {
  const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie, body: { name } });
  expect(res.status).toBe(201);
  return res.json as { id: string; token: string; prefix: string; name: string };
};

describe("creating and listing tokens", () => {
  it("shows the token once, stores only its hash, and lists it without the value", async () => {
    const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: dana, body: { name: "  nightly backup  " } });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toEqual({
      id: expect.any(String),
      name: "nightly backup",
      prefix: res.json.token.slice(0, 12),
      token: expect.stringMatching(/^kvs_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
      lastUsedAt: null,
      readOnly: false,
      expiresAt: expect.any(String),
    });
    // 90 days by default.
    expect(Date.parse(res.json.expiresAt) - Date.parse(res.json.createdAt)).toBeCloseTo(90 * DAY_MS, -4);

    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(stored.tokenHash).toBe(hashToken(res.json.token));
    expect(JSON.stringify(stored)).not.toContain(res.json.token);

    const list = await call(tokensRoute.GET, "GET", "/api/tokens", { cookie: dana });
    expect(list.status).toBe(200);
    const listed = list.json.items.find((t: { id: string }) => t.id === res.json.id);
    expect(listed).toEqual({
      id: res.json.id,
      name: "nightly backup",
      prefix: res.json.prefix,
      createdAt: expect.any(String),
      lastUsedAt: null,
      readOnly: false,
      expiresAt: res.json.expiresAt,
    });
    expect(JSON.stringify(list.json)).not.toContain(res.json.token);
  });

  it("lists only the caller's own tokens", async () => {
    const mine = await createToken(erin, "erin's tool");
    const danaList = await call(tokensRoute.GET, "GET", "/api/tokens", { cookie: dana });
    expect(danaList.json.items.map((t: { id: string }) => t.id)).not.toContain(mine.id);
  });

  it("validates the name with field paths, unknown fields included", async () => {
    const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: dana, body: { name: "", scope: "admin" } });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["name", "scope"]);
  });

  it("refuses names that are not text (a lone surrogate) with a 400, not a 500", async () => {
    const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: dana, body: { name: "\ud800" } });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([expect.objectContaining({ path: "name", message: "Name contains invalid characters" })]);
  });

  it("answers 401 signed out", async () => {
    expect((await call(tokensRoute.GET, "GET", "/api/tokens")).status).toBe(401);
    expect((await call(tokensRoute.POST, "POST", "/api/tokens", { body: { name: "x" } })).status).toBe(401);
  });
});

describe("calling the API with a token", () => {
  it("acts as its user", async () => {
    const { token } = await createToken(dana);
    const me = await call(meRoute.GET, "GET", "/api/me", { token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: "dana", role: "REQUESTER", authenticatedWith: "token", token: { name: "backup job" } });

    const created = await call(requestsRoute.POST, "POST", "/api/requests", { token, body: validRequestBody({ ownerTeam: "maps" }) });
    expect(created.status).toBe(201);
    expect(created.json.requester.id).toBe("dana");
  });

  it("takes the user's role as it is now, not as it was when the token was made", async () => {
    await createUser("fred", "REQUESTER", "storage");
    const fred = await signIn("fred@example.com", TEST_PASSWORD);
    const { token } = await createToken(fred);
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).json.role).toBe("REQUESTER");
    await db.user.update({ where: { id: "fred" }, data: { role: "ADMIN" } });
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).json.role).toBe("ADMIN");
  });

  it("records when a token was last used, at most once a minute", async () => {
    const { id, token } = await createToken(dana);
    await call(meRoute.GET, "GET", "/api/me", { token });
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await call(meRoute.GET, "GET", "/api/me", { token });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);

    await db.apiToken.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await call(meRoute.GET, "GET", "/api/me", { token });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it.each([
    ["an unknown token", "Bearer kvs_" + "A".repeat(43)],
    ["a malformed token", "Bearer not-a-token"],
    ["another scheme", "Basic ZGFuYTpwdw=="],
    ["an empty bearer", "Bearer "],
  ])("refuses %s with 401, even with a good session cookie", async (_, authorization) => {
    const res = await call(meRoute.GET, "GET", "/api/me", { cookie: dana, headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });

  it("cannot manage tokens: that takes a browser session", async () => {
    const { id, token } = await createToken(dana);
    expect((await call(tokensRoute.GET, "GET", "/api/tokens", { token })).status).toBe(403);
    expect((await call(tokensRoute.POST, "POST", "/api/tokens", { token, body: { name: "more" } })).status).toBe(403);
    expect((await call(tokenRoute.DELETE, "DELETE", `/api/tokens/${id}`, { token, params: { id } })).status).toBe(403);
  });
});

describe("revoking tokens", () => {
  it("stops the token at once and removes it from the list", async () => {
    const { id, token } = await createToken(dana);
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).status).toBe(200);
    const res = await call(tokenRoute.DELETE, "DELETE", `/api/tokens/${id}`, { cookie: dana, params: { id } });
    expect(res.status).toBe(204);
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).status).toBe(401);
    const list = await call(tokensRoute.GET, "GET", "/api/tokens", { cookie: dana });
    expect(list.json.items.map((t: { id: string }) => t.id)).not.toContain(id);
    // Twice is a 404: there is nothing left to revoke.
    expect((await call(tokenRoute.DELETE, "DELETE", `/api/tokens/${id}`, { cookie: dana, params: { id } })).status).toBe(404);
  });

  it("cannot revoke someone else's token (404, and it keeps working)", async () => {
    const { id, token } = await createToken(erin);
    const res = await call(tokenRoute.DELETE, "DELETE", `/api/tokens/${id}`, { cookie: dana, params: { id } });
    expect(res.status).toBe(404);
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).status).toBe(200);
  });

  it("limits how many tokens one person keeps", async () => {
    await createUser("gina", "REQUESTER", "maps");
    const gina = await signIn("gina@example.com", TEST_PASSWORD);
    for (let i = 0; i < 25; i++) await createToken(gina, `t${i}`);
    const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: gina, body: { name: "one too many" } });
    expect(res.status).toBe(409);
  });
});

describe("read-only tokens and expiry", () => {
  const make = async (body: Record<string, unknown>) => {
    const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: dana, body: { name: "tool", ...body } });
    expect(res.status).toBe(201);
    return res.json as { id: string; token: string; readOnly: boolean; expiresAt: string | null; createdAt: string };
  };

  it.each([
    [30, 30],
    [365, 365],
  ])("expires in %i days when asked", async (days, expected) => {
    const t = await make({ expiresInDays: days });
    expect(Date.parse(t.expiresAt!) - Date.parse(t.createdAt)).toBeCloseTo(expected * DAY_MS, -4);
  });

  it("never expires with expiresInDays: null", async () => {
    expect((await make({ expiresInDays: null })).expiresAt).toBeNull();
  });

  it.each([[7], [0], ["90"], [true]])("refuses expiresInDays %p with its path", async (value) => {
    const res = await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: dana, body: { name: "x", expiresInDays: value } });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(["expiresInDays"]);
  });

  it("a read-only token reads (200) and every write is a 403 that says it is read-only; nothing is written", async () => {
    const t = await make({ readOnly: true, expiresInDays: 30 });
    expect(t.readOnly).toBe(true);
    const me = await call(meRoute.GET, "GET", "/api/me", { token: t.token });
    expect(me.status).toBe(200);
    expect(me.json.token).toEqual({ id: t.id, name: "tool", prefix: expect.any(String), readOnly: true, expiresAt: t.expiresAt });
    expect((await call(requestsRoute.GET, "GET", "/api/requests?requester=me", { token: t.token })).status).toBe(200);

    const before = await db.datasetRequest.count();
    const res = await call(requestsRoute.POST, "POST", "/api/requests", { token: t.token, body: validRequestBody({ ownerTeam: "maps" }) });
    expect(res.status).toBe(403);
    expect(res.json.error).toEqual({
      code: "FORBIDDEN",
      message: expect.stringContaining("read-only"),
      details: [{ path: "authorization", message: "READ_ONLY_TOKEN" }],
    });
    expect(await db.datasetRequest.count()).toBe(before);
  });

  it("a read-write token still writes", async () => {
    const t = await make({ readOnly: false });
    expect((await call(requestsRoute.POST, "POST", "/api/requests", { token: t.token, body: validRequestBody({ ownerTeam: "maps" }) })).status).toBe(201);
  });

  it("an expired token is a 401 whose message says it expired, even with a good session cookie", async () => {
    const t = await make({ expiresInDays: 30 });
    await db.apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await call(meRoute.GET, "GET", "/api/me", { token: t.token, cookie: dana });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect(res.json.error.message).toMatch(/expired/);
    expect(res.json.error.details).toEqual([{ path: "authorization", message: "TOKEN_EXPIRED" }]);
  });

  it("a session call reports no token in /api/me", async () => {
    const me = await call(meRoute.GET, "GET", "/api/me", { cookie: dana });
    expect(me.json).toMatchObject({ authenticatedWith: "session", token: null });
  });
});
