// GET /api/metrics: who may scrape, and the figures computed at scrape time.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { asDatabaseOutage, assertDatabaseFile } from "@/lib/db/availability";
import { backlogByStatus } from "@/lib/data/insights/get-insights";
import { env } from "@/lib/env";
import { observability } from "@/lib/observability/state";

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
 * Open and stale requests by status, from the database now. While the database is out
 * the two gauges are left empty (absent series, not old figures) and the outage is
 * counted; the other metrics are still served.
 */
async function refreshBacklogGauges(): Promise<void> {
  const { openRequests, staleRequests } = observability().metrics;
  try {
    await assertDatabaseFile();
    const backlog = await backlogByStatus(new Date());
    for (const { status, count, stale } of backlog) {
      openRequests.set({ status }, count);
      staleRequests.set({ status }, stale);
    }
  } catch (error) {
    openRequests.reset();
    staleRequests.reset();
    if (!(error instanceof ApiError)) asDatabaseOutage(error);
  }
}

export async function metricsText(): Promise<{ text: string; contentType: string }> {
  await refreshBacklogGauges();
  const { registry } = observability().metrics;
  return { text: await registry.metrics(), contentType: registry.contentType };
}
