// The Prometheus metrics (prom-client), in one registry of our own. Created once per
// process through state.ts (globalThis), so the request hook and the route handlers
// count into the same series. GET /api/metrics renders it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Seconds; the API answers in milliseconds, pages and exports take longer. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Methods Node's parser accepts beyond these are counted as OTHER (bounded labels). */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requestDuration = new Histogram({
    name: "kvstore_http_request_duration_seconds",
    help: "Time from receiving a request to its response ending, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const openRequests = new Gauge({
    name: "kvstore_requests_open",
    help: "Open dataset requests by status, counted in the database at scrape time",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const staleRequests = new Gauge({
    name: "kvstore_requests_stale",
    help: "Open dataset requests longer in their status than its threshold (lib/domain/requests/staleness.ts), by status, at scrape time",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const outboxPending = new Gauge({
    name: "kvstore_outbox_pending",
    help: "Outbox items waiting to be delivered (neither delivered nor given up on), by channel, at scrape time",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const outboxOldestAge = new Gauge({
    name: "kvstore_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest outbox item waiting to be delivered, by channel, at scrape time",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const eventStreams = new Gauge({
    name: "kvstore_event_stream_connections",
    help: "Open live-update streams (GET /api/events)",
    registers: [registry],
  });
  const databaseErrors = new Counter({
    name: "kvstore_database_errors_total",
    help: "Database errors that meant an outage (mapped to 503), by SQLite or Prisma code",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const databaseUnavailable = new Counter({
    name: "kvstore_database_unavailable_total",
    help: "503 answers because the database was not available, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  });

  // labels() hashes its arguments on every call; a request's series is found by one Map lookup instead.
  const durationSeries = new Map<string, { observe(value: number): void }>();

  return {
    registry,
    requestDuration,
    openRequests,
    staleRequests,
    outboxPending,
    outboxOldestAge,
    eventStreams,
    databaseErrors,
    databaseUnavailable,
    observeRequest(route: string, method: string, status: number, seconds: number) {
      const m = METHODS.has(method) ? method : "OTHER";
      const key = `${route} ${m} ${status}`;
      let series = durationSeries.get(key);
      if (!series) {
        series = requestDuration.labels(route, m, String(status));
        durationSeries.set(key, series);
      }
      series.observe(seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
