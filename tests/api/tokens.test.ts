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
    });

    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(stored.tokenHash).toBe(hashToken(res.json.token));
    expect(JSON.stringify(stored)).not.toContain(res.json.token);

    const list = await call(tokensRoute.GET, "GET", "/api/tokens", { cookie: dana });
    expect(list.status).toBe(200);
    const listed = list.json.items.find((t: { id: string }) => t.id === res.json.id);
    expect(listed).toEqual({ id: res.json.id, name: "nightly backup", prefix: res.json.prefix, createdAt: expect.any(String), lastUsedAt: null });
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
