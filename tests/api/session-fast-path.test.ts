// The session check's fast path (lib/auth/session-fast-path.ts) must accept exactly the
// sessions better-auth accepts and leave everything unusual to better-auth.
import * as meRoute from "@/app/api/me/route";
import { db } from "@/lib/db";
import { auth } from "@/lib/auth/auth";
import { fastSessionUser, readCookie, verifySignedValue } from "@/lib/auth/session-fast-path";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/fixtures";

afterAll(() => db.$disconnect());

const me = (cookie: string) => call(meRoute.GET, "GET", "/api/me", { cookie });
const token = (cookie: string) => decodeURIComponent(/better-auth\.session_token=([^;]+)/.exec(cookie)![1]!).split(".")[0]!;

it("answers a live, signed session itself, the same user better-auth gives", async () => {
  await createUser("fasty", "ADMIN", "storage");
  const cookie = await signIn("fasty@example.com", TEST_PASSWORD);
  const fast = await fastSessionUser(cookie);
  const slow = await auth.api.getSession({ headers: new Headers({ cookie }) });
  expect(fast).toEqual({ id: slow!.user.id, name: slow!.user.name, email: slow!.user.email, role: "ADMIN", team: "storage" });
  expect((await me(cookie)).status).toBe(200);
});

it("refuses a tampered signature, and leaves it to better-auth (which refuses too)", async () => {
  await createUser("tampy", "REQUESTER");
  const cookie = await signIn("tampy@example.com", TEST_PASSWORD);
  const forged = cookie.replace(/(better-auth\.session_token=[^.;]+)\.[^;]+/, (_, t) => `${t}.${"A".repeat(43)}=`);
  expect(await fastSessionUser(forged)).toBeUndefined();
  expect((await me(forged)).status).toBe(401);
  expect(verifySignedValue("abc", "secret")).toBeNull();
});

it("sees a deleted (signed-out) session at once", async () => {
  await createUser("gony", "REQUESTER");
  const cookie = await signIn("gony@example.com", TEST_PASSWORD);
  expect((await me(cookie)).status).toBe(200);
  await db.session.deleteMany({ where: { token: token(cookie) } });
  expect(await fastSessionUser(cookie)).toBeUndefined();
  expect((await me(cookie)).status).toBe(401);
});

it("leaves expired sessions and sessions due for a refresh to better-auth", async () => {
  await createUser("oldy", "REQUESTER");
  const cookie = await signIn("oldy@example.com", TEST_PASSWORD);
  const where = { token: token(cookie) };
  // Due for the sliding refresh (less than expiresIn - updateAge left): better-auth extends it.
  await db.session.updateMany({ where, data: { expiresAt: new Date(Date.now() + 60 * 60 * 1000) } });
  expect(await fastSessionUser(cookie)).toBeUndefined();
  expect((await me(cookie)).status).toBe(200);
  expect((await db.session.findFirst({ where }))!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
  // Expired: refused.
  await db.session.updateMany({ where, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await fastSessionUser(cookie)).toBeUndefined();
  expect((await me(cookie)).status).toBe(401);
});

it("reads cookies as better-call does: first of a name, quotes stripped, URL-decoded", () => {
  expect(readCookie('a=1; b="x%3Dy"; a=2', "b")).toBe("x=y");
  expect(readCookie("a=1; a=2", "a")).toBe("1");
  expect(readCookie("ab=1", "a")).toBeNull();
});
