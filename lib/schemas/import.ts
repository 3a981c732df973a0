// POST /api/requests/import: many requests from one CSV or JSON file (typically
// migrations of legacy datasets). Every row is validated with createRequestBodySchema.
// Client-safe.
import { z } from "zod";
import { requestFieldsShape } from "@/lib/schemas/request";

/** The one exception to the 64 KB body limit: import files may be this large. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
/** The one encoding an import file may have (a byte order mark is allowed); anything else is refused with 400. */
export const IMPORT_ENCODING = "UTF-8";

export const IMPORT_MODES = ["validate", "all-or-nothing", "valid-only"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export type ImportFormat = "csv" | "json";

export const importQuerySchema = z.strictObject({
  mode: z
    .enum(IMPORT_MODES, { error: `mode must be one of ${IMPORT_MODES.join(", ")}` })
    .default("validate")
    .describe(
      "validate: report only, store nothing. all-or-nothing: store every row in one transaction, or none if any row has a problem. valid-only: store the rows without problems, report the rest.",
    ),
});

/** CSV columns and JSON keys: the request's own field names. */
export const IMPORT_COLUMNS = Object.keys(requestFieldsShape) as (keyof typeof requestFieldsShape)[];

/** Columns a CSV file must have: the fields without a default that cannot be empty. */
export const REQUIRED_IMPORT_COLUMNS = IMPORT_COLUMNS.filter((c) => !requestFieldsShape[c].safeParse(undefined).success);

const IMPORT_OUTCOMES = ["valid", "imported", "invalid", "duplicate"] as const;

export const importRowReportSchema = z.object({
  row: z.number().int().describe("1 for the first request: the line after a CSV header, or the first element of a JSON array"),
  datasetName: z.string().nullable(),
  outcome: z
    .enum(IMPORT_OUTCOMES)
    .describe(
      "valid: would be imported; imported: stored now; invalid: fails validation; duplicate: its dataset name is also in another row or taken by a live request",
    ),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).describe("Field paths within the row"),
  number: z.string().nullable().describe("KV-<n> of the stored request"),
});
export type ImportRowReport = z.infer<typeof importRowReportSchema>;

export const importReportSchema = z.object({
  mode: z.enum(IMPORT_MODES),
  format: z.enum(["csv", "json"]),
  total: z.number().int(),
  valid: z.number().int().describe("Rows without problems"),
  invalid: z.number().int(),
  duplicates: z.number().int(),
  imported: z.number().int(),
  rows: z.array(importRowReportSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;
