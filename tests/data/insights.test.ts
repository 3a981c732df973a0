// The insights aggregates, computed by SQLite, against requests with known dates.
import { db } from "@/lib/db";
import { getInsights } from "@/lib/data/insights/get-insights";
import { createRequest } from "@/lib/data/requests/create-request";
import { toSessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";
import type { RequestStatus, RequestType } from "@/lib/domain/requests/options";

const NOW = new Date("2026-06-15T12:00:00Z");
const DAY = 86_400_000;

type Seed = { team: string; type: RequestType; created: string; status: RequestStatus; completedAfterDays?: number; inStatusDays?: number };

async function seed(user: ReturnType<typeof toSessionUser>, s: Seed) {
  // A CHANGE names a live dataset; these counts need none, so it is stored as NEW and retyped below.
  const requestType = s.type === "CHANGE" ? "NEW" : s.type;
  const created = await createRequest(
    user,
    createRequestBodySchema.parse(validRequestBody({ ownerTeam: s.team, requestType, ...(s.type === "MIGRATION" ? { sourceSystem: "REDIS" } : {}) })),
  );
  const createdAt = new Date(s.created);
  const completedAt = s.completedAfterDays !== undefined ? new Date(createdAt.getTime() + s.completedAfterDays * DAY) : null;
  await db.datasetRequest.update({
    where: { number: Number(created.number.slice(3)) },
    data: {
      requestType: s.type,
      createdAt,
      status: s.status,
      completedAt,
      statusChangedAt: completedAt ?? new Date(NOW.getTime() - (s.inStatusDays ?? 0) * DAY),
    },
  });
}

beforeAll(async () => {
  const user = toSessionUser(await createUser("erin", "REQUESTER", "maps"));
  const rows: Seed[] = [
    // Completed in May 2026 after 2, 4 and 9 days: median 4.
    { team: "maps", type: "NEW", created: "2026-05-01T00:00:00Z", status: "COMPLETED", completedAfterDays: 2 },
    { team: "maps", type: "NEW", created: "2026-05-02T00:00:00Z", status: "COMPLETED", completedAfterDays: 9 },
    { team: "ads", type: "MIGRATION", created: "2026-05-03T00:00:00Z", status: "COMPLETED", completedAfterDays: 4 },
    // Completed in June 2026 after 1 and 6 days: median (1 + 6) / 2 = 3.5.
    { team: "maps", type: "CHANGE", created: "2026-06-01T00:00:00Z", status: "COMPLETED", completedAfterDays: 1 },
    { team: "ads", type: "NEW", created: "2026-06-02T00:00:00Z", status: "COMPLETED", completedAfterDays: 6 },
    // Open now: one fresh, one stale submitted (threshold 2 days), one in review.
    { team: "maps", type: "NEW", created: "2026-06-10T00:00:00Z", status: "SUBMITTED", inStatusDays: 1 },
    { team: "feeds", type: "MIGRATION", created: "2026-06-05T00:00:00Z", status: "SUBMITTED", inStatusDays: 10 },
    { team: "feeds", type: "NEW", created: "2026-06-06T00:00:00Z", status: "IN_REVIEW", inStatusDays: 1 },
    // Outside a 6-month window.
    { team: "old", type: "NEW", created: "2025-10-01T00:00:00Z", status: "REJECTED" },
  ];
  for (const row of rows) await seed(user, row);
});
afterAll(() => db.$disconnect());

it("counts requests per month and type, with empty months as zero", async () => {
  const insights = await getInsights(6, NOW);
  expect(insights.months).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
  const byMonth = Object.fromEntries(insights.requestsByMonth.map((m) => [m.month, m.counts]));
  expect(byMonth["2026-05"]).toEqual({ NEW: 2, MIGRATION: 1, CHANGE: 0, DECOMMISSION: 0 });
  expect(byMonth["2026-06"]).toEqual({ NEW: 3, MIGRATION: 1, CHANGE: 1, DECOMMISSION: 0 });
  expect(byMonth["2026-01"]).toEqual({ NEW: 0, MIGRATION: 0, CHANGE: 0, DECOMMISSION: 0 });
});

it("computes the median time to completion per month in SQL (odd and even counts)", async () => {
  const insights = await getInsights(6, NOW);
  const byMonth = Object.fromEntries(insights.completionByMonth.map((m) => [m.month, m]));
  expect(byMonth["2026-05"]).toEqual({ month: "2026-05", medianDays: 4, completed: 3 });
  expect(byMonth["2026-06"]).toEqual({ month: "2026-06", medianDays: 3.5, completed: 2 });
  expect(byMonth["2026-04"]).toEqual({ month: "2026-04", medianDays: null, completed: 0 });
});

it("shows the open backlog by status with stale counts, and by priority", async () => {
  const insights = await getInsights(6, NOW);
  expect(insights.backlog).toEqual([
    { status: "SUBMITTED", count: 2, stale: 1 },
    { status: "IN_REVIEW", count: 1, stale: 0 },
    { status: "NEEDS_INFO", count: 0, stale: 0 },
    { status: "APPROVED", count: 0, stale: 0 },
    { status: "PROVISIONING", count: 0, stale: 0 },
  ]);
  expect(insights.backlogByPriority).toEqual({ LOW: 0, MEDIUM: 3, HIGH: 0, URGENT: 0 });
});

it("ranks the teams that asked most in the period, with their open requests", async () => {
  const insights = await getInsights(6, NOW);
  expect(insights.topTeams).toEqual([
    { team: "maps", total: 4, open: 1 },
    { team: "ads", total: 2, open: 0 },
    { team: "feeds", total: 2, open: 2 },
  ]);
  expect((await getInsights(12, NOW)).topTeams.map((t) => t.team)).toContain("old");
});
