// The one place that reads the server's environment; a bad value fails loudly at start.
import "server-only";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/security/trusted-proxies";
import { logLevelSchema } from "@/lib/env-log-level";

const envSchema = z.object({
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
});

type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
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
