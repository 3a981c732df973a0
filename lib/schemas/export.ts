// GET /api/requests/export: the queue's view (same filters and sort, every page) as a
// CSV or JSON file. Client-safe.
import { z } from "zod";
import { DATASET_METADATA_FIELDS } from "@/lib/domain/datasets/options";
import { listRequestsQuerySchema, requestDetailSchema, type ListRequestsQuery } from "@/lib/schemas/request";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The list query without paging (an export holds every matching request), plus the format. */
export const exportRequestsQuerySchema = listRequestsQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(EXPORT_FORMATS, { error: "format must be csv or json" }).default("csv").describe("csv (RFC 4180, with a header row) or json (an array)"),
});
export type ExportRequestsQuery = z.output<typeof exportRequestsQuerySchema>;

/** One exported request: all its metadata, without history and comments. */
export const requestExportRowSchema = requestDetailSchema.omit({ history: true, comments: true });
export type RequestExportRow = z.infer<typeof requestExportRowSchema>;

/** The export URL of a queue view (paging left out). */
export function exportUrl(view: ListRequestsQuery, format: ExportFormat): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(view)) {
    if (key === "page" || key === "pageSize" || value === undefined || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.set(key, String(value));
  }
  return `/api/requests/export?${params}`;
}

/** CSV columns, in order. Request fields keep their API names; people are written by email. */
export const EXPORT_CSV_COLUMNS = [
  "number",
  "datasetName",
  "requestType",
  "sourceSystem",
  // The metadata a dataset keeps, in the form's order.
  ...DATASET_METADATA_FIELDS,
  "neededBy",
  "priority",
  "status",
  "requester",
  "assignee",
  "createdAt",
  "updatedAt",
  "statusChangedAt",
  "completedAt",
  "version",
] as const;
