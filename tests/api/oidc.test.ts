// Company sign-in through the real auth route, with OIDC configured (the provider is not
// reachable here: tests/e2e/sso.spec.ts signs in through a real one): PASSWORD_SIGN_IN=off
// makes the password endpoint a 403, the start of a sign-in is JSON-only and for "oidc"
// only, a forged answer ends on /signin, and the environment rules stop a bad start.
process.env.OIDC_ISSUER = "http://127.0.0.1:9/unreachable";
process.env.OIDC_CLIENT_ID = "kvstore-app";
process.env.OIDC_CLIENT_SECRET = "jest-only-client-secret";
process.env.OIDC_ADMIN_GROUPS = "kv-admins";
process.env.OIDC_TEAM_CLAIM = "team";
process.env.PASSWORD_SIGN_IN = "off";
export {}; // a module: its requires do not share scope with other test files

/* eslint-disable @typescript-eslint/no-require-imports */
const { BASE } = require("@/tests/helpers/http") as typeof import("@/tests/helpers/http");
const { createUser, TEST_PASSWORD } = require("@/tests/helpers/fixtures") as typeof import("@/tests/helpers/fixtures");
const authRoute = require("@/app/api/auth/[...all]/route") as typeof import("@/app/api/auth/[...all]/route");
const { db } = require("@/lib/db") as typeof import("@/lib/db");
const { parseEnv } = require("@/lib/env") as typeof import("@/lib/env");
const { oidcConfig, passwordSignInEnabled, rolesFromIdentityProvider } = require("@/lib/auth/oidc-config") as typeof import("@/lib/auth/oidc-config");
const { applyOidcClaims, oidcSignInScope, validateOidcUser } = require("@/lib/auth/oidc-sign-in") as typeof import("@/lib/auth/oidc-sign-in");

afterAll(() => db.$disconnect());

const post = (path: string, body: unknown, contentType = "application/json") =>
  authRoute.POST(
    new Request(`${BASE}/api/auth${path}`, { method: "POST", headers: { origin: BASE, "content-type": contentType }, body: JSON.stringify(body) }),
  );

describe("the environment", () => {
  const base = { BETTER_AUTH_SECRET: "x".repeat(32) };
  it("stops a half-configured OIDC with one line naming what is missing", () => {
    expect(() => parseEnv({ ...base, OIDC_ISSUER: "https://idp.example.com" })).toThrow(
      /^Invalid environment: OIDC is half-configured: OIDC_ISSUER is set but OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing/,
    );
    expect(() => parseEnv({ ...base, OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toThrow(/OIDC_ISSUER is missing/);
    expect(() => parseEnv({ ...base, PASSWORD_SIGN_IN: "off" })).toThrow(/PASSWORD_SIGN_IN=off leaves nobody a way to sign in/);
    expect(() => parseEnv({ ...base, PASSWORD_SIGN_IN: "maybe" })).toThrow(/PASSWORD_SIGN_IN must be on or off/);
    expect(() => parseEnv({ ...base, OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toThrow(/OIDC_ISSUER must be/);
    expect(parseEnv({ ...base, OIDC_ISSUER: "", OIDC_CLIENT_ID: " " }).OIDC_ISSUER).toBeUndefined(); // empty means unset
  });

  it("reads this file's OIDC settings, with the defaults", () => {
    expect(oidcConfig()).toMatchObject({
      issuer: "http://127.0.0.1:9/unreachable",
      displayName: "SSO",
      groupsClaim: "groups",
      adminGroups: ["kv-admins"],
      teamClaim: "team",
      discoveryUrl: "http://127.0.0.1:9/unreachable/.well-known/openid-configuration",
      redirectURI: "http://localhost:3000/api/auth/oauth2/callback/oidc",
    });
    expect(rolesFromIdentityProvider()).toBe(true);
    expect(passwordSignInEnabled()).toBe(false);
  });
});

describe("the auth route with OIDC on and PASSWORD_SIGN_IN=off", () => {
  it("answers password sign-in with 403 in the error envelope, and no session", async () => {
    await createUser("pw-off");
    const res = await post("/sign-in/email", { email: "pw-off@example.com", password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.stringContaining("Password sign-in is turned off"), details: [] } });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("starts a sign-in for provider oidc only, from JSON only", async () => {
    expect((await post("/sign-in/oauth2", { providerId: "github" })).status).toBe(400);
    expect((await post("/sign-in/oauth2", { providerId: "oidc", extra: 1 })).status).toBe(400);
    expect((await post("/sign-in/oauth2", { providerId: "oidc" }, "application/x-www-form-urlencoded")).status).toBe(415);
    // better-auth's own endpoints stay hidden: only the app's names answer.
    expect((await post("/sign-in/social", { provider: "oidc" })).status).toBe(404);
  });

  it("sends a callback that matches no sign-in to /signin with an error code, never a session", async () => {
    const res = await authRoute.GET(new Request(`${BASE}/api/auth/oauth2/callback/oidc?code=forged&state=forged`));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/\/signin\?error=state_/);
    expect(res.headers.getSetCookie().filter((c) => c.includes("session_token=") && !c.includes("Max-Age=0"))).toEqual([]);
    expect((await authRoute.GET(new Request(`${BASE}/api/auth/callback/oidc?code=forged&state=forged`))).status).toBe(404);
  });
});

describe("role and team from the claims, written before the session", () => {
  const profile = (groups: string[], team?: string) => ({ sub: "s1", email: "claimed@example.com", email_verified: true, name: "Cleo Claimed", groups, team });
  const config = () => oidcConfig();

  it("makes a kv-admins member an admin and demotes them once they leave the group", async () => {
    const user = await createUser("claimed", "REQUESTER", "payments");
    const signIn = (groups: string[], team?: string) =>
      oidcSignInScope.run({}, async () => {
        expect(validateOidcUser(config(), { oauth: { providerId: "oidc", profile: profile(groups, team) } })).toBeUndefined();
        await applyOidcClaims(user.id);
      });
    await signIn(["kv-admins"], "storage");
    expect(await db.user.findUnique({ where: { id: user.id } })).toMatchObject({ role: "ADMIN", team: "storage" });
    await signIn(["engineering"]); // no team claim: the team stays
    expect(await db.user.findUnique({ where: { id: user.id } })).toMatchObject({ role: "REQUESTER", team: "storage" });
  });

  it("refuses an unverified email before anything is written", async () => {
    const refused = validateOidcUser(config(), { oauth: { providerId: "oidc", profile: { ...profile(["kv-admins"]), email_verified: false } } });
    expect(refused).toEqual({ error: "email_not_verified", errorDescription: "email_not_verified" });
  });

  it("leaves other sign-ins alone", async () => {
    const user = await createUser("password-admin", "ADMIN");
    await oidcSignInScope.run({}, () => applyOidcClaims(user.id));
    await applyOidcClaims(user.id);
    expect(validateOidcUser(config(), { oauth: { providerId: "credential" } })).toBeUndefined();
    expect(await db.user.findUnique({ where: { id: user.id } })).toMatchObject({ role: "ADMIN" });
  });
});
