// People: admins change roles and deactivate people through PATCH /api/users/{id}; every
// change is recorded; a deactivated person's sessions and tokens stop at once and they
// cannot sign in; the last active admin stays; GET /api/users searches, sorts and pages.
import * as usersRoute from "@/app/api/users/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as meRoute from "@/app/api/me/route";
import * as requestsRoute from "@/app/api/requests/route";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { db } from "@/lib/db";
import { createToken } from "@/lib/data/tokens/api-tokens";
import { toSessionUser } from "@/lib/auth/roles";
import { forgetSeen, seenWritesSettled } from "@/lib/auth/last-seen";
import { BASE, call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/fixtures";

let root: string; // the first admin

beforeAll(async () => {
  await createUser("root", "ADMIN", "storage");
  root = await signIn("root@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const patch = (cookie: string, id: string, body: unknown) => call(userRoute.PATCH, "PATCH", `/api/users/${id}`, { cookie, params: { id }, body });
const list = (cookie: string, query = "") => call(usersRoute.GET, "GET", `/api/users${query}`, { cookie });
const signInStatus = async (email: string) =>
  (
    await authRoute.POST(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      }),
    )
  ).clone();

describe("PATCH /api/users/{id}", () => {
  it("promotes a requester: the answer, the role at the next call, and the record", async () => {
    await createUser("pat", "REQUESTER", "search");
    const pat = await signIn("pat@example.com", TEST_PASSWORD);
    const res = await patch(root, "pat", { role: "ADMIN" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: "pat", name: "User pat", email: "pat@example.com", role: "ADMIN", team: "search", active: true, lastSeenAt: null });
    expect((await call(meRoute.GET, "GET", "/api/me", { cookie: pat })).json.role).toBe("ADMIN");
    const rows = await db.userChange.findMany({ where: { userId: "pat" } });
    expect(rows).toEqual([expect.objectContaining({ actorId: "root", userId: "pat", field: "role", fromValue: "REQUESTER", toValue: "ADMIN" })]);
  });

  it("records nothing when nothing changes", async () => {
    await createUser("quinn", "REQUESTER");
    expect((await patch(root, "quinn", { role: "REQUESTER", active: true })).status).toBe(200);
    expect(await db.userChange.count({ where: { userId: "quinn" } })).toBe(0);
  });

  it("deactivating ends the person's sessions and tokens at once, refuses their sign-in, and reactivating lets them back", async () => {
    await createUser("rita", "REQUESTER", "maps");
    const rita = await signIn("rita@example.com", TEST_PASSWORD);
    const { token } = await createToken(toSessionUser(await db.user.findUniqueOrThrow({ where: { id: "rita" } })), { name: "rita's tool" });
    expect((await call(meRoute.GET, "GET", "/api/me", { cookie: rita })).status).toBe(200);
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).status).toBe(200);

    const res = await patch(root, "rita", { active: false });
    expect(res.status).toBe(200);
    expect(res.json.active).toBe(false);

    expect((await call(meRoute.GET, "GET", "/api/me", { cookie: rita })).status).toBe(401);
    expect((await call(requestsRoute.GET, "GET", "/api/requests", { token })).status).toBe(401);
    expect(await db.session.count({ where: { userId: "rita" } })).toBe(0);

    const refused = await signInStatus("rita@example.com");
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().filter((c) => c.includes("session_token=") && !/Max-Age=0/i.test(c))).toEqual([]);
    expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.stringContaining("deactivated"), details: [] } });
    expect(await db.session.count({ where: { userId: "rita" } })).toBe(0);

    expect((await patch(root, "rita", { active: true })).json.active).toBe(true);
    const back = await signIn("rita@example.com", TEST_PASSWORD);
    expect((await call(meRoute.GET, "GET", "/api/me", { cookie: back })).status).toBe(200);
    // Tokens stay revoked: a deactivation ended them.
    expect((await call(meRoute.GET, "GET", "/api/me", { token })).status).toBe(401);

    const rows = await db.userChange.findMany({ where: { userId: "rita" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.field, r.fromValue, r.toValue])).toEqual([
      ["active", "true", "false"],
      ["active", "false", "true"],
    ]);
  });

  it("refuses a session that outlived a deactivation (the fast path and better-auth alike)", async () => {
    await createUser("sam", "REQUESTER");
    const sam = await signIn("sam@example.com", TEST_PASSWORD);
    await db.user.update({ where: { id: "sam" }, data: { active: false } }); // behind the app's back: the session row remains
    expect((await call(meRoute.GET, "GET", "/api/me", { cookie: sam })).status).toBe(401);
    await db.session.updateMany({ where: { userId: "sam" }, data: { expiresAt: new Date(Date.now() + 60_000) } }); // due for refresh: better-auth's path
    expect((await call(meRoute.GET, "GET", "/api/me", { cookie: sam })).status).toBe(401);
  });

  it("keeps the last active admin: 409 with a clear message, nothing changed or recorded", async () => {
    // Only root and pat are admins; make pat a requester again, then root is the last.
    expect((await patch(root, "pat", { role: "REQUESTER" })).status).toBe(200);
    const before = await db.userChange.count();
    for (const body of [{ role: "REQUESTER" }, { active: false }, { role: "REQUESTER", active: false }]) {
      const res = await patch(root, "root", body);
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("last active admin") });
    }
    expect(await db.userChange.count()).toBe(before);
    expect(await db.user.findUniqueOrThrow({ where: { id: "root" } })).toMatchObject({ role: "ADMIN", active: true });

    // With a second active admin, root may step down.
    await createUser("tess", "ADMIN", "storage");
    const tess = await signIn("tess@example.com", TEST_PASSWORD);
    expect((await patch(root, "root", { role: "REQUESTER" })).status).toBe(200);
    expect((await patch(tess, "root", { role: "ADMIN" })).status).toBe(200);
  });

  it("answers 404 for an unknown id, 400 for unknown or empty bodies, 403 for requesters", async () => {
    expect((await patch(root, "nobody", { role: "ADMIN" })).status).toBe(404);
    const extra = await patch(root, "quinn", { role: "ADMIN", name: "x" });
    expect(extra.status).toBe(400);
    expect(extra.json.error.details).toEqual([{ path: "name", message: 'Unknown field "name"' }]);
    expect((await patch(root, "quinn", {})).status).toBe(400);
    expect((await patch(root, "quinn", { active: "no" })).status).toBe(400);
    const quinn = await signIn("quinn@example.com", TEST_PASSWORD);
    expect((await patch(quinn, "quinn", { role: "ADMIN" })).status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: "quinn" } })).role).toBe("REQUESTER");
  });

  it("the record is append-only", async () => {
    await expect(db.userChange.updateMany({ data: { toValue: "ADMIN" } })).rejects.toThrow();
    await expect(db.userChange.deleteMany({})).rejects.toThrow();
  });
});

describe("GET /api/users", () => {
  beforeAll(async () => {
    for (const [id, team] of [
      ["zoe", "payments"],
      ["yann", "search"],
      ["xena", "maps"],
    ] as const)
      await createUser(id, "REQUESTER", team);
  });

  it("pages with a total, and keeps ?role=ADMIN for the assignee picker", async () => {
    const all = await list(root, "?pageSize=2&page=1");
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ page: 1, pageSize: 2, total: await db.user.count() });
    expect(all.json.items).toHaveLength(2);
    const page2 = await list(root, "?pageSize=2&page=2");
    expect(page2.json.items.map((u: { id: string }) => u.id)).not.toContain(all.json.items[0].id);

    const admins = await list(root, "?role=ADMIN");
    expect(admins.json.items.length).toBeGreaterThan(0);
    expect(admins.json.items.every((u: { role: string }) => u.role === "ADMIN")).toBe(true);
  });

  it("searches name, email and team, case-insensitively", async () => {
    expect((await list(root, "?q=ZOE")).json.items.map((u: { id: string }) => u.id)).toEqual(["zoe"]);
    expect((await list(root, "?q=yann%40example")).json.items.map((u: { id: string }) => u.id)).toEqual(["yann"]);
    expect((await list(root, "?q=maps")).json.items.map((u: { id: string }) => u.id)).toContain("xena");
  });

  it("finds one person by id (the queue's requester filter shows their name), for requesters too", async () => {
    const zoe = await signIn("zoe@example.com", TEST_PASSWORD);
    const one = await list(zoe, "?id=yann");
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ total: 1, items: [{ id: "yann", name: "User yann", email: "yann@example.com" }] });
    expect((await list(zoe, "?id=nobody")).json).toMatchObject({ total: 0, items: [] });
    expect((await list(zoe, "?id=")).status).toBe(400);
  });

  it("filters by active and sorts on the server", async () => {
    await patch(root, "xena", { active: false });
    expect((await list(root, "?active=false")).json.items.map((u: { id: string }) => u.id)).toContain("xena");
    expect((await list(root, "?active=true")).json.items.map((u: { id: string }) => u.id)).not.toContain("xena");
    const byEmailDesc = (await list(root, "?sort=email&order=desc")).json.items.map((u: { email: string }) => u.email);
    expect(byEmailDesc).toEqual([...byEmailDesc].sort().reverse());
    const byTeam = (await list(root, "?sort=team")).json.items.map((u: { team: string | null }) => u.team);
    expect(byTeam).toEqual([...byTeam].sort());
  });

  it("records when people were last seen, at most once a minute, and shows it to admins only", async () => {
    forgetSeen();
    await db.user.update({ where: { id: "zoe" }, data: { lastSeenAt: null } });
    const zoe = await signIn("zoe@example.com", TEST_PASSWORD);
    await call(meRoute.GET, "GET", "/api/me", { cookie: zoe });
    await seenWritesSettled();
    const seen = (await db.user.findUniqueOrThrow({ where: { id: "zoe" } })).lastSeenAt;
    expect(seen!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    await call(meRoute.GET, "GET", "/api/me", { cookie: zoe });
    await seenWritesSettled();
    expect((await db.user.findUniqueOrThrow({ where: { id: "zoe" } })).lastSeenAt).toEqual(seen);

    expect((await list(root, "?q=zoe")).json.items[0].lastSeenAt).toBe(seen!.toISOString());
    expect((await list(zoe, "?q=zoe")).json.items[0].lastSeenAt).toBeNull();
    expect((await list(zoe, "?sort=lastSeenAt")).status).toBe(403);
    const recent = (await list(root, "?sort=lastSeenAt&order=desc")).json.items;
    expect(recent[0].lastSeenAt).not.toBeNull();
  });

  it("refuses bad parameters with their paths", async () => {
    const res = await list(root, "?pageSize=101&sort=password&active=maybe");
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["active", "pageSize", "sort"]);
  });
});
