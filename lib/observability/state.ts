// What the request hook (instrumentation's bundle) and the route handlers (their own
// bundles) share: the request context, the logger and the metrics registry. Next.js
// bundles instrumentation.ts and the routes separately, so a module-level singleton
// would exist once per bundle; these live on globalThis instead, created by whichever
// bundle comes first.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { logLevel } from "@/lib/env-log-level";
import { createMetrics, type Metrics } from "@/lib/observability/metrics";

/** One per incoming request, from the moment the server receives it until its response closes. */
export type RequestContext = {
  /** The incoming X-Request-Id when it is a sane token, else a fresh UUID. */
  id: string;
  /** performance.now() at arrival. */
  start: number;
  method: string;
  /** The path as received (no query). */
  path: string;
  userId?: string;
  tokenId?: string;
};

type Observability = {
  als: AsyncLocalStorage<RequestContext>;
  logger: Logger;
  metrics: Metrics;
};

const KEY = "kvstoreObservability";
const shared = globalThis as unknown as { [KEY]?: Observability };

/**
 * One JSON object per line: "level" as a word, "time" in ISO 8601, pid and hostname
 * (the pod), then the fields given. Written synchronously to stdout (fd 1), so a crash
 * loses no line already logged.
 */
function createLogger(destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level: logLevel(),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export function observability(): Observability {
  return (shared[KEY] ??= { als: new AsyncLocalStorage<RequestContext>(), logger: createLogger(), metrics: createMetrics() });
}

export const logger = (): Logger => observability().logger;

/** The context of the request being served, if any (none in jest unless a test runs a server). */
function requestContext(): RequestContext | undefined {
  return shared[KEY]?.als.getStore();
}

/** Records who is calling, for the request's log line (user id; token id for token calls). */
export function noteCaller(userId: string, tokenId?: string | null): void {
  const ctx = requestContext();
  if (!ctx) return;
  ctx.userId = userId;
  if (tokenId) ctx.tokenId = tokenId;
}

/** Tests: send log lines to `destination` until the returned function is called. */
export function redirectLogsForTest(destination: DestinationStream): () => void {
  const o = observability();
  const before = o.logger;
  o.logger = createLogger(destination);
  return () => {
    o.logger = before;
  };
}
