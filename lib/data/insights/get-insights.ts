// The numbers behind /insights, read from counts the database keeps as the rows change
// (migration 20261203100000, triggers on DatasetRequest; RequestCount of 20261123100000
// for the open backlog): the page sums a few thousand rows and reads each month's median
// at the middle of an index, where aggregating every request took 2.9-3.5 s at 1,000,000
// (issue #20). The SQL is written once for SQLite and PostgreSQL (lib/db/sql). One read:
// one snapshot.
import "server-only";
import { OPEN_STATUSES, PRIORITIES, REQUEST_TYPES, type Priority, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";
import { STALE_AFTER_DAYS, staleThresholds } from "@/lib/domain/requests/staleness";
import { lastMonths, type InsightRange } from "@/lib/domain/insights/months";
import type { Insights } from "@/lib/schemas/insights";
import { readDatabase } from "@/lib/db/sql/database";
import type { Dialect } from "@/lib/db/sql/dialect";
import { count, rows, type Read } from "@/lib/db/sql/reads";
import { placeholders } from "@/lib/data/requests/list-query/terms";

/** COUNT(*), SUM() and AVG() come back as numbers from SQLite, as text from PostgreSQL. */
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const OPEN = { sql: `"status" IN (${placeholders(OPEN_STATUSES.length)})`, params: [...OPEN_STATUSES] };

export async function getInsights(range: InsightRange, now = new Date()): Promise<Insights> {
  return readDatabase((dialect) => insightsRead(range, now, dialect));
}

/** Every figure of /insights, as one read. */
export function* insightsRead(range: InsightRange, now: Date, dialect: Dialect): Read<Insights> {
  const months = lastMonths(range, now);
  const since = months[0]!;
  return {
    months,
    requestsByMonth: yield* requestsPerMonth(since, months),
    backlog: yield* backlogRows(dialect, now),
    unassigned: yield* count(`SELECT SUM("n") FROM "RequestCount" WHERE ${OPEN.sql} AND "assigneeId" = ''`, OPEN.params),
    backlogByPriority: yield* openByPriority(),
    completionByMonth: yield* medianCompletionPerMonth(since, months),
    topTeams: yield* teamsWithMostRequests(since),
  };
}

/** Requests submitted per month and type. */
function* requestsPerMonth(since: string, months: string[]): Read<Insights["requestsByMonth"]> {
  const found = yield* rows<{ month: string; type: string; count: unknown }>(
    `SELECT "month", "requestType" AS "type", SUM("n") AS "count" FROM "InsightCount" WHERE "month" >= ? GROUP BY 1, 2`,
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

/**
 * The open counts are kept (RequestCount). "Stale" is exactly as the queue flags it, but
 * it moves with the clock, so it is counted: the requests that are NOT yet stale (changed
 * status within the threshold, a short range of the (status, statusChangedAt) index),
 * taken from the open count.
 */
function* backlogRows(dialect: Dialect, now: Date): Read<Insights["backlog"]> {
  const open = yield* rows<{ status: string; count: unknown }>(
    `SELECT "status", SUM("n") AS "count" FROM "RequestCount" WHERE ${OPEN.sql} GROUP BY "status"`,
    OPEN.params,
  );
  const arms = staleThresholds(now.getTime());
  const fresh = yield* rows<{ status: string; count: unknown }>(
    arms
      .map(() => `SELECT CAST(? AS TEXT) AS "status", COUNT(*) AS "count" FROM "DatasetRequest" WHERE "status" = ? AND "statusChangedAt" >= ?`)
      .join(" UNION ALL "),
    arms.flatMap(([status, since]) => [status, status, dialect.dateParam(since)]),
  );
  const openBy = new Map(open.map((r) => [r.status, num(r.count)]));
  const freshBy = new Map(fresh.map((r) => [r.status, num(r.count)]));
  return OPEN_STATUSES.map((status: RequestStatus) => {
    const count = openBy.get(status) ?? 0;
    return { status, count, stale: status in STALE_AFTER_DAYS ? count - (freshBy.get(status) ?? 0) : 0 };
  });
}

function* openByPriority(): Read<Insights["backlogByPriority"]> {
  const found = yield* rows<{ priority: string; count: unknown }>(
    `SELECT "priority", SUM("n") AS "count" FROM "RequestCount" WHERE ${OPEN.sql} GROUP BY "priority"`,
    OPEN.params,
  );
  const out = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const r of found) if (r.priority in out) out[r.priority as Priority] = num(r.count);
  return out;
}

/**
 * Median days from submission to completion, per month of completion: the month's count
 * is kept (CompletionCount), and its durations are in order in CompletionTime's
 * (month, days) index, so the median is the middle one (odd count) or the average of the
 * middle two (even count), read with LIMIT 2 OFFSET (count - 1) / 2.
 */
function* medianCompletionPerMonth(since: string, months: string[]): Read<Insights["completionByMonth"]> {
  const counts = yield* rows<{ month: string; n: unknown }>(`SELECT "month", "n" FROM "CompletionCount" WHERE "month" >= ? AND "n" > 0`, [since]);
  const found = new Map<string, { medianDays: number; completed: number }>();
  for (const { month, n } of counts) {
    const completed = num(n);
    const middle = yield* rows<{ days: unknown }>(`SELECT "days" FROM "CompletionTime" WHERE "month" = ? ORDER BY "days" LIMIT 2 OFFSET ?`, [
      month,
      Math.floor((completed - 1) / 2),
    ]);
    const days = (completed % 2 === 1 ? middle.slice(0, 1) : middle).map((r) => Number(r.days));
    found.set(month, { medianDays: days.reduce((a, b) => a + b, 0) / days.length, completed });
  }
  return months.map((month) => {
    const r = found.get(month);
    return { month, medianDays: r ? Math.round(r.medianDays * 10) / 10 : null, completed: r?.completed ?? 0 };
  });
}

/** The ten teams that submitted the most requests in the period, with how many are still open. */
function* teamsWithMostRequests(since: string): Read<Insights["topTeams"]> {
  const teams = yield* rows<{ team: string; total: unknown; open: unknown }>(
    `SELECT "ownerTeam" AS "team", SUM("n") AS "total", SUM(CASE WHEN ${OPEN.sql} THEN "n" ELSE 0 END) AS "open"
     FROM "InsightCount"
     WHERE "month" >= ?
     GROUP BY "ownerTeam"
     HAVING SUM("n") > 0
     ORDER BY 2 DESC, 1 ASC
     LIMIT 10`,
    [...OPEN.params, since],
  );
  return teams.map((r) => ({ team: r.team, total: num(r.total), open: num(r.open) }));
}
