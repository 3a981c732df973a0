// Calendar months (UTC) for the insights page. Client-safe.
import { MONTHS } from "@/lib/format/time";

export const INSIGHT_RANGES = [6, 12, 24] as const;
export type InsightRange = (typeof INSIGHT_RANGES)[number];
const DEFAULT_RANGE: InsightRange = 12;

/** "2026-11" for the month `back` months before `now`'s (0 = this month). */
export function monthKey(now: Date, back = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

/** The last `count` months, oldest first, ending with this month. */
export function lastMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, i) => monthKey(now, count - 1 - i));
}

/** "Nov 2026" from "2026-11". */
export function monthLabel(key: string): string {
  return `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
}

/** Reads ?months= forgivingly: one of INSIGHT_RANGES, else the default. */
export function readRange(raw: string | string[] | undefined): InsightRange {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return (INSIGHT_RANGES as readonly number[]).includes(n) ? (n as InsightRange) : DEFAULT_RANGE;
}
