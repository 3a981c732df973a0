import { backlogSummary, completionSummary, prioritySummary, requestsSummary, teamsSummary } from "@/lib/domain/insights/summaries";
import { lastMonths, monthKey, readRange } from "@/lib/domain/insights/months";

describe("insights summaries", () => {
  it("sums requests, names the busiest month and the mix of types", () => {
    expect(
      requestsSummary([
        { month: "2026-05", counts: { NEW: 2, MIGRATION: 1, CHANGE: 1, DECOMMISSION: 0 } },
        { month: "2026-06", counts: { NEW: 4, MIGRATION: 2, CHANGE: 0, DECOMMISSION: 0 } },
      ]),
    ).toBe("10 requests in the last 2 months, the most in Jun 2026 (6): 60% new datasets, 30% migrations, 10% changes, 0% decommissions.");
    expect(requestsSummary([{ month: "2026-06", counts: { NEW: 0, MIGRATION: 0, CHANGE: 0, DECOMMISSION: 0 } }])).toBe("No requests in the last 1 months.");
  });

  it("describes the backlog, stale and urgent work", () => {
    const backlog = [
      { status: "SUBMITTED" as const, count: 5, stale: 2 },
      { status: "IN_REVIEW" as const, count: 1, stale: 0 },
    ];
    expect(backlogSummary(backlog, { LOW: 0, MEDIUM: 4, HIGH: 1, URGENT: 1 })).toBe(
      "6 open requests, 2 of them stale; the most are Submitted (5). 1 is urgent.",
    );
    expect(backlogSummary([], { LOW: 0, MEDIUM: 0, HIGH: 0, URGENT: 0 })).toBe("No open requests: the backlog is clear.");
    expect(prioritySummary({ LOW: 1, MEDIUM: 2, HIGH: 3, URGENT: 4 })).toBe("Open requests by priority: 1 low, 2 medium, 3 high, 4 urgent.");
  });

  it("gives the latest median time to completion and its range", () => {
    expect(
      completionSummary([
        { month: "2026-04", medianDays: 3, completed: 2 },
        { month: "2026-05", medianDays: 4.5, completed: 1 },
        { month: "2026-06", medianDays: null, completed: 0 },
      ]),
    ).toBe("In May 2026, 1 request was completed in a median of 4.5 days from submission. Over the period the monthly median ranged from 3 to 4.5 days.");
    expect(completionSummary([{ month: "2026-06", medianDays: null, completed: 0 }])).toBe("No request was completed in the last 1 months.");
  });

  it("names the teams that asked most", () => {
    expect(
      teamsSummary(
        [
          { team: "maps", total: 4, open: 1 },
          { team: "ads", total: 2, open: 0 },
          { team: "feeds", total: 2, open: 2 },
          { team: "old", total: 1, open: 0 },
        ],
        12,
      ),
    ).toBe("maps asked for the most (4 requests, 1 still open), then ads (2) and feeds (2).");
    expect(teamsSummary([], 6)).toBe("No requests in the last 6 months.");
  });
});

describe("months", () => {
  it("counts back calendar months in UTC across a year boundary", () => {
    expect(monthKey(new Date("2026-01-31T23:00:00Z"), 1)).toBe("2025-12");
    expect(lastMonths(3, new Date("2026-02-15T00:00:00Z"))).toEqual(["2025-12", "2026-01", "2026-02"]);
  });
  it("reads the range forgivingly", () => {
    expect(readRange("24")).toBe(24);
    expect(readRange(["6", "12"])).toBe(6);
    expect(readRange("7")).toBe(12);
    expect(readRange(undefined)).toBe(12);
  });
});
