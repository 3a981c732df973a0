// GET /api/metrics: who may scrape, and the figures computed at scrape time.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { asDatabaseOutage, assertDatabaseFile } from "@/lib/db/availability";
import { backlogByStatus } from "@/lib/data/insights/get-insights";
import { env } from "@/lib/env";
import { observability } from "@/lib/observability/state";
import { outboxBacklog } from "@/lib/outbox/backlog";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Off (404) without METRICS_TOKEN; else 401 unless the request carries it as a bearer
 * token. Compared as SHA-256 digests with timingSafeEqual: equal lengths, constant time.
 */
export function assertMayScrape(req: Request): void {
  const expected = env().METRICS_TOKEN;
  if (!expected) throw ApiError.notFound("This endpoint");
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(expected))) {
    throw new ApiError("UNAUTHENTICATED", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.", [], {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
}

/**
 * Open and stale requests by status, and the outbox's backlog by channel, from the
 * database now. While the database is out these gauges are left empty (absent series,
 * not old figures) and the outage is counted; the other metrics are still served.
 */
async function refreshBacklogGauges(): Promise<void> {
  const { openRequests, staleRequests, outboxPending, outboxOldestAge } = observability().metrics;
  const gauges = [openRequests, staleRequests, outboxPending, outboxOldestAge];
  try {
    await assertDatabaseFile();
    const now = new Date();
    const [backlog, outbox] = await Promise.all([backlogByStatus(now), outboxBacklog()]);
    for (const gauge of gauges) gauge.reset();
    for (const { status, count, stale } of backlog) {
      openRequests.set({ status }, count);
      staleRequests.set({ status }, stale);
    }
    // A channel with nothing waiting has no series (channels come and go with config).
    for (const { channel, pending, oldestCreatedAt } of outbox) {
      outboxPending.set({ channel }, pending);
      outboxOldestAge.set({ channel }, Math.max(0, (now.getTime() - oldestCreatedAt.getTime()) / 1000));
    }
  } catch (error) {
    for (const gauge of gauges) gauge.reset();
    if (!(error instanceof ApiError)) asDatabaseOutage(error);
  }
}

export async function metricsText(): Promise<{ text: string; contentType: string }> {
  await refreshBacklogGauges();
  const { registry } = observability().metrics;
  return { text: await registry.metrics(), contentType: registry.contentType };
}
