// The building blocks of the queue's SQL: sort columns and WHERE terms in their two forms.
import "server-only";
import type { SortField } from "@/lib/schemas/request";
import type { Dialect } from "@/lib/db/sql/dialect";

export const SORT_COLUMN: Record<SortField, string> = {
  number: "number",
  datasetName: "datasetName",
  requestType: "requestType",
  ownerTeam: "ownerTeam",
  status: "statusRank",
  priority: "priorityRank",
  assignee: "assigneeName",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
  // Time in status: oldest change first is the longest waiting (ascending).
  statusChangedAt: "statusChangedAt",
};

/**
 * One WHERE term, rendered two ways: `seek` lets SQLite use the column's index, `scan`
 * writes "+column" so it cannot (the row is tested while another index is walked). On
 * PostgreSQL the two are the same text: its planner needs no hint (dialect.ts).
 */
export type Form = "seek" | "scan";
export type Term = Record<Form, { sql: string; params: unknown[] }>;

export const quote = (column: string) => `"DatasetRequest"."${column}"`;
export const term = (dialect: Dialect, render: (col: (c: string) => string) => string, params: unknown[]): Term => ({
  seek: { sql: render(quote), params },
  scan: { sql: render((c) => dialect.unindexed(quote(c))), params },
});
export const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
