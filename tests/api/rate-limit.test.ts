// The per-caller rate limit of withApi, with a small limit for this file only. Routes
// are required after the limit is set: the environment is read once per module registry.
// The counts live in the store every instance on the database shares (rate-limit.ts):
// another instance's limiter, on its own connection, sees the same budget used up.
process.env.API_RATE_LIMIT_PER_MINUTE = "5";

/* eslint-disable @typescript-eslint/no-require-imports */
const { call, signIn } = require("@/tests/helpers/http") as typeof import("@/tests/helpers/http");
const { createUser, TEST_PASSWORD } = require("@/tests/helpers/fixtures") as typeof import("@/tests/helpers/fixtures");
const meRoute = require("@/app/api/me/route") as typeof import("@/app/api/me/route");
const tokensRoute = require("@/app/api/tokens/route") as typeof import("@/app/api/tokens/route");
const healthRoute = require("@/app/api/health/route") as typeof import("@/app/api/health/route");
const { db } = require("@/lib/db") as typeof import("@/lib/db");
const { RateLimiter, closeRateLimitStore, openRateLimitStore } = require("@/lib/api/rate-limit") as typeof import("@/lib/api/rate-limit");

const otherInstance = openRateLimitStore(process.env.DATABASE_URL!);
afterAll(async () => {
  await closeRateLimitStore(otherInstance);
  await db.$disconnect();
});

it("answers 429 with Retry-After past the limit, counting each user and each token apart", async () => {
  await createUser("kim", "REQUESTER", "maps");
  await createUser("lee", "REQUESTER", "maps");
  const kim = await signIn("kim@example.com", TEST_PASSWORD);
  const lee = await signIn("lee@example.com", TEST_PASSWORD);
  const token = (await call(tokensRoute.POST, "POST", "/api/tokens", { cookie: kim, body: { name: "limited" } })).json.token as string;

  // One call made the token; four more reach the limit of five.
  for (let i = 0; i < 4; i++) expect((await call(meRoute.GET, "GET", "/api/me", { cookie: kim })).status).toBe(200);
  const over = await call(meRoute.GET, "GET", "/api/me", { cookie: kim });
  expect(over.status).toBe(429);
  expect(over.json).toEqual({ error: { code: "RATE_LIMITED", message: expect.stringContaining("5 a minute"), details: [] } });
  const retryAfter = Number(over.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);

  // Another instance on the same database refuses kim too, and has lee's budget whole.
  const apiLimitThere = new RateLimiter(otherInstance, "api", 5, 60);
  expect(await apiLimitThere.waitFor("user:kim")).toBeGreaterThanOrEqual(1);
  expect(await apiLimitThere.waitFor("user:lee")).toBe(0);

  // Someone else, and the same user's token, have their own budgets.
  expect((await call(meRoute.GET, "GET", "/api/me", { cookie: lee })).status).toBe(200);
  expect((await call(meRoute.GET, "GET", "/api/me", { token })).status).toBe(200);
  // The probes are never limited.
  for (let i = 0; i < 10; i++) expect((await call(healthRoute.GET, "GET", "/api/health")).status).toBe(200);
});
