// What the insights page shows: every number is computed by the database
// (lib/data/insights). Client-safe types.
import type { Priority, RequestStatus, RequestType } from "@/lib/domain/requests/options";

export type Insights = {
  /** The months covered, oldest first ("2026-11"). */
  months: string[];
  /** Requests submitted per month and type; every month and type present (0 when none). */
  requestsByMonth: { month: string; counts: Record<RequestType, number> }[];
  /** Open requests now, per status, and how many of them are stale. */
  backlog: { status: RequestStatus; count: number; stale: number }[];
  /** Open requests now with nobody assigned (the queue's Unassigned preset). */
  unassigned: number;
  /** Open requests now, per priority. */
  backlogByPriority: Record<Priority, number>;
  /** Median days from submission to completion for requests completed in each month (null: none). */
  completionByMonth: { month: string; medianDays: number | null; completed: number }[];
  /** The teams that submitted the most requests in the period. */
  topTeams: { team: string; total: number; open: number }[];
};
