// The numbers behind /insights, aggregated by the database itself (GROUP BY, window
// functions) over covering indexes: the server receives a few dozen rows, never the
// requests. The SQL is written once for SQLite and PostgreSQL (lib/db/sql); the date
// arithmetic, which the two spell differently, is date-sql.ts. One read: one snapshot.
import "server-only";
import { OPEN_STATUSES, PRIORITIES, REQUEST_TYPES, type Priority, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";
import { STALE_AFTER_DAYS } from "@/lib/domain/requests/staleness";
import { lastMonths, type InsightRange } from "@/lib/domain/insights/months";
import type { Insights } from "@/lib/schemas/insights";
import { readDatabase } from "@/lib/db/sql/database";
import type { Dialect } from "@/lib/db/sql/dialect";
import { count, rows, type Read } from "@/lib/db/sql/reads";
import { placeholders } from "@/lib/data/requests/list-query/terms";
import { DATE_SQL } from "./date-sql";

const DAY_MS = 86_400_000;

/** COUNT(*), SUM() and AVG() come back as numbers from SQLite, as text from PostgreSQL. */
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const OPEN = { sql: `"status" IN (${placeholders(OPEN_STATUSES.length)})`, params: [...OPEN_STATUSES] };

export async function getInsights(range: InsightRange, now = new Date()): Promise<Insights> {
  return readDatabase((dialect) => insightsRead(range, now, dialect));
}

/** Every figure of /insights, as one read. */
export function* insightsRead(range: InsightRange, now: Date, dialect: Dialect): Read<Insights> {
  const months = lastMonths(range, now);
  const since = dialect.dateParam(new Date(`${months[0]!}-01T00:00:00.000Z`));
  return {
    months,
    requestsByMonth: yield* requestsPerMonth(dialect, since, months),
    backlog: yield* backlogRows(dialect, now),
    unassigned: yield* count(`SELECT COUNT(*) FROM "DatasetRequest" WHERE ${OPEN.sql} AND "assigneeId" IS NULL`, OPEN.params),
    backlogByPriority: yield* openByPriority(),
    completionByMonth: yield* medianCompletionPerMonth(dialect, since, months),
    topTeams: yield* teamsWithMostRequests(since),
  };
}

/** Requests submitted per month and type. */
function* requestsPerMonth(dialect: Dialect, since: unknown, months: string[]): Read<Insights["requestsByMonth"]> {
  const found = yield* rows<{ month: string; type: string; count: unknown }>(
    `SELECT ${DATE_SQL[dialect.kind].monthOf(`"createdAt"`)} AS "month", "requestType" AS "type", COUNT(*) AS "count"
     FROM "DatasetRequest"
     WHERE "createdAt" >= ?
     GROUP BY 1, 2`,
    [since],
  );
  const zero = () => Object.fromEntries(REQUEST_TYPES.map((t) => [t, 0])) as Record<RequestType, number>;
  const byMonth = new Map(months.map((m) => [m, zero()]));
  for (const r of found) {
    const counts = byMonth.get(r.month);
    if (counts && r.type in counts) counts[r.type as RequestType] = num(r.count);
  }
  return months.map((month) => ({ month, counts: byMonth.get(month)! }));
}

/** Open requests per status now, with how many have sat in it longer than its threshold (also the metrics' figures). */
export async function backlogByStatus(now: Date): Promise<Insights["backlog"]> {
  return readDatabase((dialect) => backlogRows(dialect, now));
}

function* backlogRows(dialect: Dialect, now: Date): Read<Insights["backlog"]> {
  // One CASE arm per status with a threshold: "stale" exactly as the queue flags it.
  const arms = Object.entries(STALE_AFTER_DAYS);
  const found = yield* rows<{ status: string; count: unknown; stale: unknown }>(
    `SELECT "status", COUNT(*) AS "count",
            SUM(CASE ${arms.map(() => `WHEN "status" = ? AND "statusChangedAt" < ? THEN 1`).join(" ")} ELSE 0 END) AS "stale"
     FROM "DatasetRequest"
     WHERE ${OPEN.sql}
     GROUP BY "status"`,
    [...arms.flatMap(([status, days]) => [status, dialect.dateParam(new Date(now.getTime() - days! * DAY_MS))]), ...OPEN.params],
  );
  const byStatus = new Map(found.map((r) => [r.status, r]));
  return OPEN_STATUSES.map((status: RequestStatus) => ({ status, count: num(byStatus.get(status)?.count), stale: num(byStatus.get(status)?.stale) }));
}

function* openByPriority(): Read<Insights["backlogByPriority"]> {
  const found = yield* rows<{ priority: string; count: unknown }>(
    `SELECT "priority", COUNT(*) AS "count" FROM "DatasetRequest" WHERE ${OPEN.sql} GROUP BY "priority"`,
    OPEN.params,
  );
  const out = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const r of found) if (r.priority in out) out[r.priority as Priority] = num(r.count);
  return out;
}

/**
 * Median days from submission to completion, per month of completion. SQLite has no
 * MEDIAN: number each month's durations in order (ROW_NUMBER) beside the month's count,
 * then average the middle one (odd count) or the middle two (even count).
 */
function* medianCompletionPerMonth(dialect: Dialect, since: unknown, months: string[]): Read<Insights["completionByMonth"]> {
  const dates = DATE_SQL[dialect.kind];
  const medians = yield* rows<{ month: string; medianDays: unknown; completed: unknown }>(
    `WITH "done" AS (
      SELECT ${dates.monthOf(`"completedAt"`)} AS "month", ${dates.daysBetween(`"completedAt"`, `"createdAt"`)} AS "days"
      FROM "DatasetRequest"
      WHERE "status" = 'COMPLETED' AND "completedAt" >= ?
    ), "ranked" AS (
      SELECT "month", "days",
             ROW_NUMBER() OVER (PARTITION BY "month" ORDER BY "days") AS "rn",
             COUNT(*) OVER (PARTITION BY "month") AS "n"
      FROM "done"
    )
    SELECT "month", AVG("days") AS "medianDays", MAX("n") AS "completed"
    FROM "ranked"
    WHERE "rn" IN (("n" + 1) / 2, ("n" + 2) / 2)
    GROUP BY "month"`,
    [since],
  );
  const found = new Map(medians.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = found.get(month);
    return { month, medianDays: r ? Math.round(Number(r.medianDays) * 10) / 10 : null, completed: num(r?.completed) };
  });
}

/** The ten teams that submitted the most requests in the period, with how many are still open. */
function* teamsWithMostRequests(since: unknown): Read<Insights["topTeams"]> {
  const teams = yield* rows<{ team: string; total: unknown; open: unknown }>(
    `SELECT "ownerTeam" AS "team", COUNT(*) AS "total", SUM(CASE WHEN ${OPEN.sql} THEN 1 ELSE 0 END) AS "open"
     FROM "DatasetRequest"
     WHERE "createdAt" >= ?
     GROUP BY "ownerTeam"
     ORDER BY 2 DESC, 1 ASC
     LIMIT 10`,
    [...OPEN.params, since],
  );
  return teams.map((r) => ({ team: r.team, total: num(r.total), open: num(r.open) }));
}
