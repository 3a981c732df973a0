// The numbers behind /insights, aggregated by SQLite itself (GROUP BY, window
// functions) over covering indexes: the server receives a few dozen rows, never the
// requests. SQLite dialect: dates are ISO-8601 text in UTC, so substr(…, 1, 7) is the
// month and julianday() does the arithmetic; PostgreSQL would use date_trunc and
// percentile_cont.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";
import { OPEN_STATUSES, PRIORITIES, REQUEST_TYPES, type Priority, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";
import { STALE_AFTER_DAYS } from "@/lib/domain/requests/staleness";
import { lastMonths, type InsightRange } from "@/lib/domain/insights/months";
import type { Insights } from "@/lib/schemas/insights";

const DAY_MS = 86_400_000;

/** Dates are stored as ISO text; this is the same shape, so text comparison is time order. */
const startOfMonth = (month: string) => `${month}-01T00:00:00.000+00:00`;
/** COUNT(*) and SUM() come back as bigint from the driver. */
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function getInsights(range: InsightRange, now = new Date()): Promise<Insights> {
  const months = lastMonths(range, now);
  const since = startOfMonth(months[0]!);
  const [requestsByMonth, backlog, unassigned, backlogByPriority, completionByMonth, topTeams] = await Promise.all([
    requestsPerMonth(since, months),
    backlogByStatus(now),
    openUnassigned(),
    openByPriority(),
    medianCompletionPerMonth(since, months),
    teamsWithMostRequests(since),
  ]);
  return { months, requestsByMonth, backlog, unassigned, backlogByPriority, completionByMonth, topTeams };
}

/** Requests submitted per month and type. */
async function requestsPerMonth(since: string, months: string[]): Promise<Insights["requestsByMonth"]> {
  const rows = await db.$queryRaw<{ month: string; type: string; count: bigint }[]>`
    SELECT substr("createdAt", 1, 7) AS month, "requestType" AS type, COUNT(*) AS count
    FROM "DatasetRequest"
    WHERE "createdAt" >= ${since}
    GROUP BY month, type`;
  const zero = () => Object.fromEntries(REQUEST_TYPES.map((t) => [t, 0])) as Record<RequestType, number>;
  const byMonth = new Map(months.map((m) => [m, zero()]));
  for (const r of rows) {
    const counts = byMonth.get(r.month);
    if (counts && r.type in counts) counts[r.type as RequestType] = num(r.count);
  }
  return months.map((month) => ({ month, counts: byMonth.get(month)! }));
}

/** Open requests per status now, with how many have sat in it longer than its threshold (also the metrics' figures). */
export async function backlogByStatus(now: Date): Promise<Insights["backlog"]> {
  // One CASE arm per status with a threshold: "stale" exactly as the queue flags it.
  const staleArms = Object.entries(STALE_AFTER_DAYS).map(
    ([status, days]) => Prisma.sql`WHEN "status" = ${status} THEN "statusChangedAt" < ${sqliteDateTime(new Date(now.getTime() - days! * DAY_MS))}`,
  );
  const rows = await db.$queryRaw<{ status: string; count: bigint; stale: bigint | null }[]>`
    SELECT "status", COUNT(*) AS count, SUM(CASE ${Prisma.join(staleArms, " ")} ELSE 0 END) AS stale
    FROM "DatasetRequest"
    WHERE "status" IN (${Prisma.join([...OPEN_STATUSES])})
    GROUP BY "status"`;
  const found = new Map(rows.map((r) => [r.status, r]));
  return OPEN_STATUSES.map((status: RequestStatus) => ({ status, count: num(found.get(status)?.count), stale: num(found.get(status)?.stale) }));
}

/** Open requests nobody is assigned to: the queue's Unassigned preset, counted. */
async function openUnassigned(): Promise<number> {
  return db.datasetRequest.count({ where: { status: { in: [...OPEN_STATUSES] }, assigneeId: null } });
}

async function openByPriority(): Promise<Insights["backlogByPriority"]> {
  const rows = await db.$queryRaw<{ priority: string; count: bigint }[]>`
    SELECT "priority", COUNT(*) AS count
    FROM "DatasetRequest"
    WHERE "status" IN (${Prisma.join([...OPEN_STATUSES])})
    GROUP BY "priority"`;
  const out = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const r of rows) if (r.priority in out) out[r.priority as Priority] = num(r.count);
  return out;
}

/**
 * Median days from submission to completion, per month of completion. SQLite has no
 * MEDIAN: number each month's durations in order (ROW_NUMBER) beside the month's count,
 * then average the middle one (odd count) or the middle two (even count).
 */
async function medianCompletionPerMonth(since: string, months: string[]): Promise<Insights["completionByMonth"]> {
  const rows = await db.$queryRaw<{ month: string; medianDays: number; completed: bigint }[]>`
    WITH done AS (
      SELECT substr("completedAt", 1, 7) AS month,
             julianday("completedAt") - julianday("createdAt") AS days
      FROM "DatasetRequest"
      WHERE "status" = 'COMPLETED' AND "completedAt" >= ${since}
    ), ranked AS (
      SELECT month, days,
             ROW_NUMBER() OVER (PARTITION BY month ORDER BY days) AS rn,
             COUNT(*) OVER (PARTITION BY month) AS n
      FROM done
    )
    SELECT month, AVG(days) AS medianDays, MAX(n) AS completed
    FROM ranked
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY month`;
  const found = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = found.get(month);
    return { month, medianDays: r ? Math.round(Number(r.medianDays) * 10) / 10 : null, completed: num(r?.completed) };
  });
}

/** The ten teams that submitted the most requests in the period, with how many are still open. */
async function teamsWithMostRequests(since: string): Promise<Insights["topTeams"]> {
  const rows = await db.$queryRaw<{ team: string; total: bigint; open: bigint }[]>`
    SELECT "ownerTeam" AS team, COUNT(*) AS total,
           SUM(CASE WHEN "status" IN (${Prisma.join([...OPEN_STATUSES])}) THEN 1 ELSE 0 END) AS open
    FROM "DatasetRequest"
    WHERE "createdAt" >= ${since}
    GROUP BY "ownerTeam"
    ORDER BY total DESC, team ASC
    LIMIT 10`;
  return rows.map((r) => ({ team: r.team, total: num(r.total), open: num(r.open) }));
}
