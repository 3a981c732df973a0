// The one place that reads the server's environment; a bad value fails loudly at start.
import "server-only";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/security/trusted-proxies";
import { logLevelSchema } from "@/lib/env-log-level";
import { oidcConfigProblem } from "@/lib/auth/oidc-env";

/** Unset and empty mean the same: not configured. */
const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

/** A switch, off unless set to 1 (unset and empty mean 0); anything else is refused. */
const zeroOrOne = (name: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z
      .enum(["0", "1"], { error: `${name} must be 1 or 0` })
      .default("0")
      .transform((v) => v === "1"),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().min(1).default("file:./prisma/dev.db"),
    BETTER_AUTH_SECRET: z.string().min(32, { error: "BETTER_AUTH_SECRET must be 32+ characters (run `npm run env:init`)" }),
    /** Public URL of the app; defaults to http://localhost:$PORT. */
    BETTER_AUTH_URL: z.url().optional(),
    PORT: z.coerce.number().int().positive().default(3000),
    /**
     * API requests per minute per user (per token for token calls). In memory, so per
     * app instance: several instances would need a shared store (e.g. Redis).
     */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    /**
     * Sign-in attempts per minute per client address. Everyone behind one proxy or NAT
     * shares an address, so an office may need more; the browser tests, which all sign in
     * from 127.0.0.1, use 100.
     */
    SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(20),
    /**
     * Addresses or CIDR ranges of the reverse proxies in front of the app (comma-separated).
     * Only a connection from one of them may name the client in X-Forwarded-For; anyone
     * else's forwarded address is ignored and the socket's address counts.
     */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    /** Least severe log lines written to stdout (JSON, one line per request): fatal … trace, or silent. */
    LOG_LEVEL: z.preprocess((v) => (v === "" ? undefined : v), logLevelSchema),
    /**
     * Bearer token for GET /api/metrics (Prometheus). Unset or empty: the endpoint is off
     * (404). At least 16 characters: it guards figures about the whole queue.
     */
    METRICS_TOKEN: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(16, { error: "METRICS_TOKEN must be 16+ characters (or unset, to turn /api/metrics off)" }).optional(),
    ),
    /**
     * Company sign-in (OpenID Connect), on when the issuer, client id and secret are all set
     * (lib/auth/oidc-config.ts). Discovery at <OIDC_ISSUER>/.well-known/openid-configuration.
     */
    OIDC_ISSUER: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.url({ protocol: /^https?$/, error: "OIDC_ISSUER must be the provider's http(s) issuer URL" }).optional(),
    ),
    OIDC_CLIENT_ID: optionalText(500),
    OIDC_CLIENT_SECRET: optionalText(2000),
    /** The button reads "Sign in with <name>" (default "SSO"). */
    OIDC_DISPLAY_NAME: optionalText(40),
    /** The claim that lists the person's groups (default "groups"; a dotted path reads a nested claim). */
    OIDC_GROUPS_CLAIM: optionalText(100),
    /** Comma-separated groups whose members are admins; everyone else is a requester. Re-read at every sign-in. */
    OIDC_ADMIN_GROUPS: optionalText(2000),
    /** Optional: the claim that names the person's team. */
    OIDC_TEAM_CLAIM: optionalText(100),
    /** on|off: the email and password form and POST /api/auth/sign-in/email. Default: on without OIDC, off with it. */
    PASSWORD_SIGN_IN: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
      z.enum(["on", "off"], { error: "PASSWORD_SIGN_IN must be on or off" }).optional(),
    ),
    /** Mail for notifications: both set, or neither (no mail). smtp://user:pass@host:587 or smtps://… */
    SMTP_URL: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.url({ protocol: /^smtps?$/, error: "SMTP_URL must look like smtp://user:pass@host:587 (or smtps://…)" }).optional(),
    ),
    /** The sender of notification mail: an address, or "Name <address>". */
    MAIL_FROM: optionalText(200).refine((v) => v === undefined || /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(v), {
      error: 'MAIL_FROM must be an address, or "Name <address>"',
    }),
    /** The hour (UTC, 0–23) of the admins' daily digest of stale requests. */
    DIGEST_HOUR_UTC: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.coerce.number().int().min(0).max(23, { error: "DIGEST_HOUR_UTC must be an hour, 0 to 23" }).default(8),
    ),
    /** on|off: the app process runs the outbox worker (off when `npm run worker` runs it elsewhere). */
    OUTBOX_WORKER: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
      z.enum(["on", "off"], { error: "OUTBOX_WORKER must be on or off" }).default("on"),
    ),
    /**
     * Slack incoming webhook (https://hooks.slack.com/services/…): new requests and status
     * changes are posted to the team's channel. Unset: no Slack.
     */
    SLACK_WEBHOOK_URL: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.url({ protocol: /^https?$/, error: "SLACK_WEBHOOK_URL must be the http(s) URL of a Slack incoming webhook" }).optional(),
    ),
    /**
     * 1: webhook endpoints may point at loopback, link-local and private addresses, over
     * plain http too (tests, a lab). Default 0: only public https endpoints.
     */
    WEBHOOK_ALLOW_PRIVATE: zeroOrOne("WEBHOOK_ALLOW_PRIVATE"),
    /**
     * 1: the empty pages /bench/empty and /bench/frame answer (npm run bench's floor for
     * Lighthouse, scripts/bench/pages.mjs). Default 0: they are a 404 like any unknown path.
     */
    BENCH_EMPTY_PAGES: zeroOrOne("BENCH_EMPTY_PAGES"),
  })
  .superRefine((e, ctx) => {
    const problem = oidcConfigProblem(e);
    if (problem) ctx.addIssue({ code: "custom", path: [], message: problem });
    if (Boolean(e.SMTP_URL) !== Boolean(e.MAIL_FROM)) {
      ctx.addIssue({ code: "custom", path: [], message: "Mail needs both SMTP_URL and MAIL_FROM (or neither, for no mail)" });
    }
  });

type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The environment a set of variables describes; throws one line naming every problem. */
export function parseEnv(vars: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(vars);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
    throw new Error(`Invalid environment: ${issues.join("; ")}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function publicBaseUrl(): string {
  const e = env();
  return e.BETTER_AUTH_URL ?? `http://localhost:${e.PORT}`;
}

/** Origins our own pages are served from: sign-in and cookie-carried changes must come from one. */
export function trustedOrigins(): string[] {
  const port = env().PORT;
  return [...new Set([publicBaseUrl(), `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
}
