// Company sign-in (issue 16) in a real browser, through the development OpenID Connect
// provider's own login and consent pages (scripts/dev-idp.mjs, started by
// playwright.config.ts): accounts at first sign-in, roles from groups at every sign-in,
// and every bad answer ending on /signin with a sentence and no session.
import { spawn } from "node:child_process";
import type { Page } from "@playwright/test";
import { e2eSqliteFile } from "../../scripts/e2e-database.mjs";
import { test, expect } from "./fixtures";
import { DEMO_PASSWORD, requestBody } from "./helpers";
import { IDP_DISPLAY_NAME, IDP_ISSUER, putIdpPerson, type IdpPerson } from "./idp";

const CALLBACK = "/api/auth/oauth2/callback/oidc";
let serial = 0;
const unique = (prefix: string) => `${prefix}.${Date.now().toString(36)}${(++serial).toString(36)}@example.com`;

/** From the app's sign-in page through the IdP's login page; the consent page is left to the caller. */
async function throughIdpLogin(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${IDP_DISPLAY_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP_ISSUER}/interaction/`));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function ssoSignIn(page: Page, email: string) {
  await throughIdpLogin(page, email);
  await expect(page.getByRole("heading", { name: "Allow access?" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/requests$/);
}

async function me(page: Page) {
  const res = await page.request.get("/api/me");
  expect(res.status()).toBe(200);
  return (await res.json()) as { name: string; email: string; role: string; team: string | null };
}

async function expectNoSession(page: Page) {
  expect((await page.request.get("/api/me")).status()).toBe(401);
}

/** Signs out of the app and of the IdP (its session cookie), so the next sign-in starts from scratch. */
async function signOutEverywhere(page: Page) {
  await page.context().clearCookies();
}

test("the sign-in page offers the company sign-in beside the password form", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: `Sign in with ${IDP_DISPLAY_NAME}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible(); // PASSWORD_SIGN_IN=on here
});

test("a new person signs in through the IdP's login and consent pages, gets a requester account and files a request", async ({ page }) => {
  const email = unique("newcomer");
  putIdpPerson({ email, name: "Nora Newcomer", team: "data-platform", groups: ["engineering"] });
  await ssoSignIn(page, email);
  expect(await me(page)).toMatchObject({ email, name: "Nora Newcomer", role: "REQUESTER", team: "data-platform" });

  const name = `sso_${Date.now().toString(36)}`;
  const created = await page.request.post("/api/requests", {
    data: requestBody(name, { ownerTeam: "data-platform" }),
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(created.status()).toBe(201);
  const { number } = (await created.json()) as { number: number };
  await page.goto(`/requests/${number}`);
  await expect(page.getByText(name).first()).toBeVisible();
  await expect(page.getByLabel("Assignee")).toHaveCount(0); // no admin actions for a requester
});

test("a kv-admins member is an admin; leaving the group demotes them at their next sign-in", async ({ page }) => {
  const email = unique("keeper");
  const person: IdpPerson = { email, name: "Kim Keeper", team: "storage", groups: ["engineering", "kv-admins"] };
  putIdpPerson(person);
  await ssoSignIn(page, email);
  expect(await me(page)).toMatchObject({ role: "ADMIN", team: "storage" });
  await page.goto("/requests/1");
  await expect(page.getByRole("region", { name: "Actions" }).getByLabel("Assignee")).toBeVisible(); // admin actions

  // Removed from the group (and moved team) at the provider: the next sign-in says so.
  putIdpPerson({ ...person, team: "search", groups: ["engineering"] });
  await signOutEverywhere(page);
  await ssoSignIn(page, email);
  expect(await me(page)).toMatchObject({ email, role: "REQUESTER", team: "search" });
  await page.goto("/requests/1");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByLabel("Assignee")).toHaveCount(0);
});

test("a refused consent lands on /signin with a message and no session", async ({ page }) => {
  const email = unique("refuser");
  putIdpPerson({ email, name: "Rae Refuser", groups: [] });
  await throughIdpLogin(page, email);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page).toHaveURL(/\/signin\?error=access_denied(&|$)/);
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in was cancelled" })).toBeVisible();
  await expectNoSession(page);
});

test("an email the provider says is unverified is refused", async ({ page }) => {
  const email = unique("unverified");
  putIdpPerson({ email, name: "Uma Unverified", groups: ["kv-admins"], email_verified: false });
  await throughIdpLogin(page, email);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/signin\?error=email_not_verified(&|$)/);
  await expect(page.getByRole("alert").filter({ hasText: "not verified" })).toBeVisible();
  await expectNoSession(page);
});

test("forged or stale answers to the callback end on /signin with a message, never a session", async ({ page }) => {
  // No sign-in was started: the state matches nothing.
  await page.goto(`${CALLBACK}?code=forged&state=forged`);
  await expect(page).toHaveURL(/\/signin\?error=/);
  await expect(page.getByRole("alert").filter({ hasText: "could not be matched" })).toBeVisible();

  // A real state, then an answer claiming to come from another issuer.
  await page.goto("/signin");
  const start = async () => {
    const res = await page.request.post("/api/auth/sign-in/oauth2", {
      data: { providerId: "oidc", callbackURL: "/requests" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(200);
    const url = new URL(((await res.json()) as { url: string }).url);
    expect(url.origin).toBe(IDP_ISSUER);
    for (const param of ["state", "nonce", "code_challenge"]) expect(url.searchParams.get(param)).toBeTruthy();
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    return url.searchParams.get("state")!;
  };
  let state = await start();
  await page.goto(`${CALLBACK}?code=whatever&state=${encodeURIComponent(state)}&iss=${encodeURIComponent("https://evil.example")}`);
  await expect(page).toHaveURL(/\/signin\?error=issuer_mismatch/);
  await expect(page.getByRole("alert").filter({ hasText: "did not come from the identity provider" })).toBeVisible();

  // A real state with a code the provider never issued (or that expired).
  state = await start();
  await page.goto(`${CALLBACK}?code=not-a-real-code&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(IDP_ISSUER)}`);
  await expect(page).toHaveURL(/\/signin\?error=invalid_code/);
  await expect(page.getByRole("alert").filter({ hasText: "not accepted" })).toBeVisible();
  await expectNoSession(page);
});

test("with PASSWORD_SIGN_IN=off the sign-in page offers only the company's sign-in, and the password endpoint is refused", async ({ page }) => {
  // A second app server over the same database, configured as a company would run it.
  const port = Number(process.env.E2E_PORT ?? 3210) + 2;
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:./${e2eSqliteFile(Number(process.env.E2E_PORT ?? 3210))}`,
      PORT: String(port),
      HOSTNAME: "::",
      BETTER_AUTH_URL: base,
      OIDC_ISSUER: IDP_ISSUER,
      OIDC_CLIENT_ID: "kvstore-app",
      OIDC_CLIENT_SECRET: "kvstore-e2e-idp-secret",
      OIDC_DISPLAY_NAME: IDP_DISPLAY_NAME,
      PASSWORD_SIGN_IN: "off",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  try {
    await expect.poll(async () => (await fetch(`${base}/api/ready`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    await page.goto(`${base}/signin`);
    await expect(page.getByRole("button", { name: `Sign in with ${IDP_DISPLAY_NAME}` })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveCount(0);
    await expect(page.getByLabel("Password")).toHaveCount(0);
    const res = await page.request.post(`${base}/api/auth/sign-in/email`, {
      data: { email: "alice@example.com", password: DEMO_PASSWORD },
      headers: { Origin: base },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect(res.headers()["set-cookie"]).toBeUndefined();
  } finally {
    server.kill("SIGTERM");
  }
});
