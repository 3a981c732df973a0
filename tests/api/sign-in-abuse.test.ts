// Password guessing and better-auth's surface, through the real auth route: every sign-in
// attempt counts whatever its encoding, the per-address limit keys on the connection's
// address (never on a client's X-Forwarded-For), and only the endpoints the app uses
// answer. The server stamps the connection's address as PEER_HEADER (stamp-raw-request.ts);
// here the test plays that part. scripts/reliability/abuse.mjs repeats the forged-address
// attack against the production server, where the real socket decides.
process.env.SIGN_IN_ATTEMPTS_PER_MINUTE = "6";
export {}; // a module: its requires do not share scope with other test files

/* eslint-disable @typescript-eslint/no-require-imports */
const { BASE } = require("@/tests/helpers/http") as typeof import("@/tests/helpers/http");
const { createUser, TEST_PASSWORD } = require("@/tests/helpers/fixtures") as typeof import("@/tests/helpers/fixtures");
const authRoute = require("@/app/api/auth/[...all]/route") as typeof import("@/app/api/auth/[...all]/route");
const { db } = require("@/lib/db") as typeof import("@/lib/db");
const { RateLimiter, closeRateLimitStore, openRateLimitStore } = require("@/lib/api/rate-limit") as typeof import("@/lib/api/rate-limit");
const { PEER_HEADER, resolveClientAddress } = require("@/lib/security/client-address") as typeof import("@/lib/security/client-address");
const { parseTrustedProxies } = require("@/lib/security/trusted-proxies") as typeof import("@/lib/security/trusted-proxies");

// Another app instance on the same database, on its own connection to the limit store:
// the lockout and the per-address limit must hold there too.
const otherInstance = openRateLimitStore(process.env.DATABASE_URL!);
afterAll(async () => {
  await closeRateLimitStore(otherInstance);
  await db.$disconnect();
});

type Attempt = { email: string; password: string; peer: string; forwardedFor?: string; encoding?: "json" | "form" };

async function signInAttempt({ email, password, peer, forwardedFor, encoding = "json" }: Attempt) {
  const headers: Record<string, string> = { origin: BASE, [PEER_HEADER]: peer };
  if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
  let body: string;
  if (encoding === "form") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams({ email, password }).toString();
  } else {
    headers["content-type"] = "application/json";
    body = JSON.stringify({ email, password });
  }
  const res = await authRoute.POST(new Request(`${BASE}/api/auth/sign-in/email`, { method: "POST", headers, body }));
  return { status: res.status, json: await res.json().catch(() => null), cookies: res.headers.getSetCookie() };
}

let nextPeer = 0;
const freshPeer = () => `198.51.100.${++nextPeer}`;

it("refuses form-encoded sign-in (415), so no attempt escapes the per-account count", async () => {
  await createUser("formy");
  const res = await signInAttempt({ email: "formy@example.com", password: TEST_PASSWORD, peer: freshPeer(), encoding: "form" });
  expect(res.status).toBe(415);
  expect(res.json).toEqual({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("JSON"), details: [] } });
  expect(res.cookies).toEqual([]);
});

it("locks an account after 10 wrong passwords from 10 addresses, whatever the encoding of the next attempt", async () => {
  await createUser("guessed");
  const email = "guessed@example.com";
  for (let i = 0; i < 10; i++) {
    const res = await signInAttempt({ email, password: `wrong-${i}`, peer: freshPeer(), forwardedFor: `10.6.${i}.1`, encoding: i % 2 ? "form" : "json" });
    // Form-encoded guesses never reach the password check; JSON ones are wrong.
    expect(res.status).toBe(i % 2 ? 415 : 401);
  }
  for (let i = 0; i < 5; i++) {
    expect((await signInAttempt({ email, password: `wrong-json-${i}`, peer: freshPeer() })).status).toBe(401);
  }
  const locked = await signInAttempt({ email, password: TEST_PASSWORD, peer: freshPeer() });
  expect(locked.status).toBe(429);
  expect(locked.json.error.code).toBe("RATE_LIMITED");
  expect(locked.cookies).toEqual([]);
  expect((await signInAttempt({ email, password: TEST_PASSWORD, peer: freshPeer(), encoding: "form" })).cookies).toEqual([]);
  expect(await new RateLimiter(otherInstance, "sign_in_failures", 10, 15 * 60).waitFor(email)).toBeGreaterThan(14 * 60);
});

it("limits attempts per connection address; a new X-Forwarded-For each time does not reset it", async () => {
  const peer = freshPeer();
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) {
    // A different account each time, so the per-account lock stays out of it.
    statuses.push((await signInAttempt({ email: `nobody${i}@example.com`, password: "wrong", peer, forwardedFor: `10.7.${i}.1` })).status);
  }
  expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
  expect(statuses.slice(6)).toEqual([429, 429]);
  // better-auth's limit counts in the shared store (its key: address|path).
  expect(await new RateLimiter(otherInstance, "auth_60s_6", 6, 60).waitFor(`${peer}|/sign-in/email`)).toBeGreaterThanOrEqual(1);
  // Another address has its own budget.
  expect((await signInAttempt({ email: "nobody@example.com", password: "wrong", peer: freshPeer() })).status).toBe(401);
});

it("records the connection's address on the session, not a forged X-Forwarded-For", async () => {
  await createUser("traced");
  const peer = freshPeer();
  const res = await signInAttempt({ email: "traced@example.com", password: TEST_PASSWORD, peer, forwardedFor: "203.0.113.66" });
  expect(res.status).toBe(200);
  const session = await db.session.findFirstOrThrow({ where: { userId: "traced" } });
  expect(session.ipAddress).toBe(peer);
});

it("believes X-Forwarded-For only from TRUSTED_PROXIES, read from the right", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, 2001:db8::/32");
  const from = (peer: string, xff?: string) => new Headers({ [PEER_HEADER]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) });
  expect(resolveClientAddress(from("198.51.100.9", "1.2.3.4"), proxies)).toBe("198.51.100.9");
  expect(resolveClientAddress(from("::ffff:198.51.100.9"), proxies)).toBe("198.51.100.9");
  expect(resolveClientAddress(from("10.1.1.1", "1.2.3.4, 203.0.113.5"), proxies)).toBe("203.0.113.5");
  expect(resolveClientAddress(from("10.1.1.1", "1.2.3.4, 203.0.113.5, 192.0.2.7, 10.9.9.9"), proxies)).toBe("203.0.113.5");
  expect(resolveClientAddress(from("2001:db8::1", "2001:db9::5"), proxies)).toBe("2001:db9::5");
  expect(resolveClientAddress(from("10.1.1.1", "not-an-address"), proxies)).toBe("10.1.1.1");
  expect(resolveClientAddress(from("10.1.1.1"), proxies)).toBe("10.1.1.1");
  expect(resolveClientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), proxies)).toBeNull();
  expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
  expect(() => parseTrustedProxies("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
});

describe("better-auth's surface", () => {
  let cookie: string;
  beforeAll(async () => {
    await createUser("renamer");
    const res = await signInAttempt({ email: "renamer@example.com", password: TEST_PASSWORD, peer: freshPeer() });
    cookie = res.cookies.map((c) => c.split(";")[0]).join("; ");
  });

  const send = (method: string, endpoint: string, body?: unknown) =>
    (method === "GET" ? authRoute.GET : authRoute.POST)(
      new Request(`${BASE}/api/auth${endpoint}`, {
        method,
        headers: { origin: BASE, cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  it.each([
    ["POST", "/update-user", { name: "Dana Admin" }],
    ["POST", "/update-user", { name: "x".repeat(10_000_000) }],
    ["POST", "/change-password", { currentPassword: TEST_PASSWORD, newPassword: "another-password-1" }],
    ["POST", "/change-email", { newEmail: "admin2@example.com" }],
    ["POST", "/delete-user", {}],
    ["POST", "/sign-up/email", { email: "new@example.com", password: "whatever-1234", name: "New" }],
    ["POST", "/revoke-sessions", {}],
    ["GET", "/list-sessions", undefined],
    ["GET", "/list-accounts", undefined],
  ] as const)("%s %s answers 404 in the error shape and changes nothing", async (method, endpoint, body) => {
    const res = await send(method, endpoint, body);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String), details: [] } });
    const user = await db.user.findUniqueOrThrow({ where: { id: "renamer" } });
    expect(user).toMatchObject({ name: "User renamer", email: "renamer@example.com" });
  });

  it("still serves the session, and signs out", async () => {
    const session = await send("GET", "/get-session");
    expect(session.status).toBe(200);
    expect((await session.json()).user.email).toBe("renamer@example.com");
    expect((await send("POST", "/sign-out", {})).status).toBe(200);
  });
});
