// One sentence per insights chart: the text alternative a screen reader reads, and the
// gist for everyone. Pure and client-safe.
import { LABELS, PRIORITIES, REQUEST_TYPES } from "@/lib/domain/requests/options";
import { monthLabel } from "@/lib/domain/insights/months";
import type { Insights } from "@/lib/schemas/insights";

const n = (v: number) => v.toLocaleString("en-US");
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;
const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;
const TYPE_NOUNS = { NEW: "new datasets", MIGRATION: "migrations", CHANGE: "changes", DECOMMISSION: "decommissions" } as const;

export function requestsSummary(data: Insights["requestsByMonth"]): string {
  const totals = data.map((m) => ({ month: m.month, total: REQUEST_TYPES.reduce((s, t) => s + m.counts[t], 0) }));
  const total = totals.reduce((s, m) => s + m.total, 0);
  if (total === 0) return `No requests in the last ${data.length} months.`;
  const busiest = totals.reduce((a, b) => (b.total > a.total ? b : a));
  const shares = REQUEST_TYPES.map(
    (t) =>
      `${percent(
        data.reduce((s, m) => s + m.counts[t], 0),
        total,
      )} ${TYPE_NOUNS[t]}`,
  ).join(", ");
  return `${plural(total, "request")} in the last ${data.length} months, the most in ${monthLabel(busiest.month)} (${n(busiest.total)}): ${shares}.`;
}

export function backlogSummary(backlog: Insights["backlog"], byPriority: Insights["backlogByPriority"]): string {
  const open = backlog.reduce((s, b) => s + b.count, 0);
  if (open === 0) return "No open requests: the backlog is clear.";
  const stale = backlog.reduce((s, b) => s + b.stale, 0);
  const largest = backlog.reduce((a, b) => (b.count > a.count ? b : a));
  const urgent = byPriority.URGENT ? ` ${n(byPriority.URGENT)} ${byPriority.URGENT === 1 ? "is" : "are"} urgent.` : "";
  return `${plural(open, "open request")}, ${n(stale)} of them stale; the most are ${LABELS.status[largest.status]} (${n(largest.count)}).${urgent}`;
}

export function prioritySummary(byPriority: Insights["backlogByPriority"]): string {
  const open = PRIORITIES.reduce((s, p) => s + byPriority[p], 0);
  if (open === 0) return "No open requests.";
  return `Open requests by priority: ${PRIORITIES.map((p) => `${n(byPriority[p])} ${LABELS.priority[p].toLowerCase()}`).join(", ")}.`;
}

export function completionSummary(data: Insights["completionByMonth"]): string {
  const withData = data.filter((m) => m.medianDays !== null);
  if (withData.length === 0) return `No request was completed in the last ${data.length} months.`;
  const latest = withData[withData.length - 1]!;
  const medians = withData.map((m) => m.medianDays!);
  const range = withData.length > 1 ? ` Over the period the monthly median ranged from ${Math.min(...medians)} to ${Math.max(...medians)} days.` : "";
  return `In ${monthLabel(latest.month)}, ${plural(latest.completed, "request was", "requests were")} completed in a median of ${latest.medianDays} days from submission.${range}`;
}

export function teamsSummary(data: Insights["topTeams"], months: number): string {
  const [first, ...rest] = data;
  if (!first) return `No requests in the last ${months} months.`;
  const others = rest.slice(0, 2).map((t) => `${t.team} (${n(t.total)})`);
  return `${first.team} asked for the most (${plural(first.total, "request")}, ${n(first.open)} still open)${others.length ? `, then ${others.join(" and ")}` : ""}.`;
}
