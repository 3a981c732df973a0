// Headers, cookies and guessing limits as a browser and an attacker see them.
import { expect, test } from "./fixtures";
import { signInAs } from "./helpers";

const PAGES = ["/signin", "/requests", "/requests/new", "/requests/KV-1", "/requests/KV-1/edit", "/datasets/nope", "/nowhere"];

test("every page sends a nonce CSP, no framing, nosniff, a referrer policy and no version banner", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  for (const path of PAGES) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
    expect(headers["server"] ?? "").not.toMatch(/\d/);
  }
});

test("API answers carry a deny-all CSP and are never cached", async ({ request }) => {
  for (const path of ["/api/health", "/api/requests"]) {
    const res = await request.get(path);
    expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers()["cache-control"]).toContain("no-store");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  }
});

test("the API reference page keeps its own policy: this site only", async ({ request }) => {
  const csp = (await request.get("/api/docs")).headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("default-src 'none'");
  expect(csp).not.toMatch(/https?:\/\//);
});

test("the session cookie is httpOnly and SameSite", async ({ page, context }) => {
  await signInAs(page, "bob@example.com");
  const session = (await context.cookies()).find((c) => c.name.includes("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");
});

test("a change riding on the cookie from another site is refused", async ({ page }) => {
  await signInAs(page, "bob@example.com");
  const res = await page.request.post("/api/requests", { data: {}, headers: { Origin: "https://evil.example" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("FORBIDDEN");
});

// The test server trusts loopback as its proxy (playwright.config.ts), so X-Forwarded-For
// names the client here, as a trusted proxy's header would.
test("sign-in is rate limited per address", async ({ request, baseURL }) => {
  const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  // A different account each time: only the per-address limit can stop this.
  const attempt = (i: number) =>
    request.post("/api/auth/sign-in/email", {
      data: { email: `sprayed-${i}@example.com`, password: "password1" },
      headers: { Origin: baseURL!, "X-Forwarded-For": address },
    });
  const limit = Number(process.env.SIGN_IN_ATTEMPTS_PER_MINUTE);
  const statuses: number[] = [];
  for (let i = 0; i < limit + 5 && statuses.at(-1) !== 429; i++) statuses.push((await attempt(i)).status());
  // Exactly `limit` attempts get an answer; the next is refused.
  expect(statuses.slice(0, -1)).toEqual(Array(limit).fill(401));
  expect(statuses.at(-1)).toBe(429);
});

test("wrong passwords lock the account for a while, whatever address they come from", async ({ request, baseURL }) => {
  const email = `locked-out-${Date.now().toString(36)}@example.com`;
  const attempt = (password: string, i: number) =>
    request.post("/api/auth/sign-in/email", {
      data: { email, password },
      headers: { Origin: baseURL!, "X-Forwarded-For": `198.51.100.${i}` },
    });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await attempt(`guess-${i}`, i)).status());
  expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
  const refused = await attempt("anything", 99);
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
  expect((await refused.json()).error.code).toBe("RATE_LIMITED");
});

test("signed out, every page goes to sign-in and every API answers 401", async ({ page, request }) => {
  for (const path of PAGES.filter((p) => p !== "/signin")) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
  }
  expect((await request.get("/api/requests")).status()).toBe(401);
});

test("after sign-in, next= never leads off the site, however the path is spelled", async ({ page }) => {
  for (const next of ["/\t/evil.example/", "/\n/evil.example/", "//evil.example/", "/\\evil.example/", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill("bob@example.com");
    await page.getByLabel("Password").fill("kvstore-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page, JSON.stringify(next)).toHaveURL(/^http:\/\/localhost:\d+\/requests$/);
    // Signed in, the sign-in page itself redirects: same rule, no 500.
    const res = await page.request.get(`/signin?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers()["location"]).toMatch(/^(http:\/\/localhost:\d+)?\/requests$/);
  }
});
