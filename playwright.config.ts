import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_TEST_PATH } from "./scripts/chromium.mjs";
import { IDP_DISPLAY_NAME, IDP_ISSUER, IDP_PEOPLE_FILE, IDP_PORT } from "./tests/e2e/idp";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Every browser test signs in from 127.0.0.1, faster than 20 a minute; the server and
// tests/e2e/security.spec.ts (which checks that the limit holds) both read this.
process.env.SIGN_IN_ATTEMPTS_PER_MINUTE ??= "100";
const baseURL = `http://localhost:${PORT}`;

// Browser tests drive Debian's Chromium (its headless shell; never a downloaded browser)
// against the production build, served over a fresh, seeded SQLite database.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // One folder per port: a run empties its own at start, not another run's.
  outputDir: `.tmp/playwright/${PORT}`,
  use: {
    baseURL,
    // The trace keeps DOM snapshots of a failed test; its screencast (a frame at every
    // paint, in every test, kept or not) cost the GPU and browser processes more CPU than
    // the tests themselves (views and triage views: 40 s of 90). A failure still gets its
    // screenshot below.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM_TEST_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: [
    {
      command: "node scripts/e2e-server.mjs",
      url: `${baseURL}/api/ready`,
      timeout: 120_000,
      // E2E_REUSE=1 reuses a server already on the port (handy while writing tests).
      reuseExistingServer: process.env.E2E_REUSE === "1",
      stdout: "pipe",
      // Loopback is the test server's trusted proxy, as nginx would be in front of a
      // deployment: the guessing tests name their client in X-Forwarded-For, so their
      // attempts do not use up the sign-in budget of every other test (all from 127.0.0.1).
      // scripts/reliability/abuse.mjs checks that an untrusted client's header counts for nothing.
      // Company sign-in through the development IdP below (tests/e2e/sso.spec.ts); the
      // password form stays on for every other spec.
      env: {
        PORT: String(PORT),
        BETTER_AUTH_URL: baseURL,
        TRUSTED_PROXIES: "127.0.0.1, ::1",
        OIDC_ISSUER: IDP_ISSUER,
        OIDC_CLIENT_ID: "kvstore-app",
        OIDC_CLIENT_SECRET: "kvstore-e2e-idp-secret",
        OIDC_DISPLAY_NAME: IDP_DISPLAY_NAME,
        OIDC_ADMIN_GROUPS: "kv-admins",
        OIDC_TEAM_CLAIM: "team",
        PASSWORD_SIGN_IN: "on",
        // One JSON line per request would bury the test report; scripts/reliability/logs.mjs checks the logs.
        LOG_LEVEL: "warn",
        // tests/e2e/webhooks.spec.ts registers a webhook on a loopback receiver.
        WEBHOOK_ALLOW_PRIVATE: "1",
      },
    },
    {
      // The development OpenID Connect provider (npm run idp), on loopback, with a fresh
      // people file the tests edit between sign-ins.
      command: `node -e "require('fs').rmSync('${IDP_PEOPLE_FILE}',{force:true})" && node scripts/dev-idp.mjs --port ${IDP_PORT} --client-secret kvstore-e2e-idp-secret --redirect ${baseURL}/api/auth/oauth2/callback/oidc --people ${IDP_PEOPLE_FILE}`,
      url: `${IDP_ISSUER}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: process.env.E2E_REUSE === "1",
      stdout: "pipe",
    },
  ],
});
