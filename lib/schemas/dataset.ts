// Datasets: the catalog's list query, a dataset as the API and its page show it, and
// the storage team's change to its provisioned facts and links. Client-safe.
import { z } from "zod";
import { SINGLE_LINE, isWellFormed } from "./text";
import { queryPositiveInt, queryText } from "./text-fields";
import { requestDetailSchema, userRefSchema } from "./request";
import { DATA_CLASSIFICATIONS, KEY_FORMATS, REGIONS, REQUEST_STATUSES, REQUEST_TYPES, VALUE_FORMATS } from "@/lib/domain/requests/options";
import { DATASET_FACT_LABELS as F, DATASET_METADATA_FIELDS, DATASET_STATUSES } from "@/lib/domain/datasets/options";

// ---- PATCH /api/datasets/{name} ---------------------------------------------

/** One line of text, or null to clear it. */
const factText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text of at most ${max} characters, or null` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .regex(SINGLE_LINE, { error: `${label} contains control characters; remove them` })
    .refine(isWellFormed, { error: `${label} contains characters that are not text; retype it` })
    .nullable()
    .transform((v) => (v ? v : null));

/** Only http and https: the page renders these as links, so javascript: and data: never get in. */
const link = (label: string) => factText(label, 2000).refine((v) => v === null || isHttpUrl(v), { error: `${label} must be an http:// or https:// address` });

export function isHttpUrl(v: string): boolean {
  try {
    const url = new URL(v);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const updateDatasetBodySchema = z
  .strictObject({
    cluster: factText(F.cluster, 200),
    namespace: factText(F.namespace, 200),
    endpoint: factText(F.endpoint, 500),
    actualSizeGb: z
      .number({ error: `${F.actualSizeGb} must be a size in digits, e.g. 120.5, or null` })
      .min(0, { error: `${F.actualSizeGb} cannot be negative` })
      .max(100_000_000, { error: `${F.actualSizeGb} must be at most 100,000,000` })
      .nullable(),
    peakQps: z
      .number({ error: `${F.peakQps} must be a whole number, or null` })
      .refine(Number.isInteger, { error: `${F.peakQps} must be a whole number` })
      .min(0, { error: `${F.peakQps} cannot be negative` })
      .max(1_000_000_000, { error: `${F.peakQps} must be at most 1,000,000,000` })
      .meta({ type: "integer" })
      .nullable(),
    provisionedAt: z.iso.datetime({ offset: true, error: `${F.provisionedAt} must be a date and time like 2026-12-01T09:30:00Z, or null` }).nullable(),
    onCall: factText(F.onCall, 200).describe("A rotation name or a person"),
    runbookUrl: link(F.runbookUrl),
    dashboardUrl: link(F.dashboardUrl),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { error: "Send at least one field to change" });
export type UpdateDatasetBody = z.output<typeof updateDatasetBodySchema>;
export type UpdateDatasetInput = z.input<typeof updateDatasetBodySchema>;

// ---- responses ----------------------------------------------------------------

const metadataShape = Object.fromEntries(DATASET_METADATA_FIELDS.map((f) => [f, requestDetailSchema.shape[f]])) as {
  [K in (typeof DATASET_METADATA_FIELDS)[number]]: (typeof requestDetailSchema.shape)[K];
};

export const datasetSummarySchema = z.object({
  name: z.string(),
  status: z.enum(DATASET_STATUSES).describe("DECOMMISSIONING: live, with an open DECOMMISSION request"),
  ownerTeam: z.string(),
  regions: z.array(z.enum(REGIONS)),
  dataClassification: z.enum(DATA_CLASSIFICATIONS),
  keyFormat: z.enum(KEY_FORMATS),
  valueFormat: z.enum(VALUE_FORMATS),
  estimatedSizeGb: z.number(),
  actualSizeGb: z.number().nullable(),
  createdAt: z.iso.datetime().describe("When its NEW or MIGRATION request completed"),
  updatedAt: z.iso.datetime().describe("Its last change: an amendment, a provisioned fact, a decommission"),
});

export const datasetChangeSchema = z.object({
  id: z.number().int(),
  field: z.string().describe('A metadata field, a provisioned fact, or "status"'),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  request: z.string().nullable().describe("The request (KV-<n>) that made the change; null for provisioned facts and links"),
  actor: userRefSchema,
  createdAt: z.iso.datetime(),
});

export const datasetRequestSchema = z.object({
  number: z.string(),
  requestType: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  requester: userRefSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const datasetDetailSchema = datasetSummarySchema.extend({
  ...metadataShape,
  originRequest: z.string().describe("The NEW or MIGRATION request it came from"),
  requestType: z.enum(REQUEST_TYPES).describe("Of its origin request: NEW or MIGRATION"),
  sourceSystem: requestDetailSchema.shape.sourceSystem,
  cluster: z.string().nullable(),
  namespace: z.string().nullable(),
  endpoint: z.string().nullable(),
  peakQps: z.number().int().nullable(),
  provisionedAt: z.iso.datetime().nullable(),
  onCall: z.string().nullable(),
  runbookUrl: z.string().nullable(),
  dashboardUrl: z.string().nullable(),
  decommissionedAt: z.iso.datetime().nullable(),
  history: z.array(datasetChangeSchema).describe("Newest first"),
  requests: z.array(datasetRequestSchema).describe("The requests that touched it, open ones first"),
});

export type DatasetSummary = z.infer<typeof datasetSummarySchema>;
export type DatasetDetail = z.infer<typeof datasetDetailSchema>;
export type DatasetChangeDto = z.infer<typeof datasetChangeSchema>;

// ---- GET /api/datasets ----------------------------------------------------------

export const DATASET_SORT_FIELDS = ["name", "ownerTeam", "status", "estimatedSizeGb", "createdAt", "updatedAt"] as const;
export type DatasetSortField = (typeof DATASET_SORT_FIELDS)[number];

export const listDatasetsQuerySchema = z.strictObject({
  sort: z.enum(DATASET_SORT_FIELDS, { error: `sort must be one of ${DATASET_SORT_FIELDS.join(", ")}` }).default("name"),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("asc"),
  status: z.enum(DATASET_STATUSES, { error: `status must be one of ${DATASET_STATUSES.join(", ")}` }).optional(),
  team: queryText("team", 1, 80).optional(),
  region: z.enum(REGIONS, { error: `region must be one of ${REGIONS.join(", ")}` }).optional(),
  classification: z.enum(DATA_CLASSIFICATIONS, { error: `classification must be one of ${DATA_CLASSIFICATIONS.join(", ")}` }).optional(),
  keyFormat: z.enum(KEY_FORMATS, { error: `keyFormat must be one of ${KEY_FORMATS.join(", ")}` }).optional(),
  valueFormat: z.enum(VALUE_FORMATS, { error: `valueFormat must be one of ${VALUE_FORMATS.join(", ")}` }).optional(),
  q: queryText("q", 0, 200).optional().describe("Part of the name, team or use case"),
  page: queryPositiveInt("page", 100_000).default(1),
  pageSize: queryPositiveInt("pageSize", 100).default(25),
});
export type ListDatasetsQuery = z.output<typeof listDatasetsQuerySchema>;
export type ListDatasetsQueryInput = z.input<typeof listDatasetsQuerySchema>;

export const datasetListResponseSchema = z.object({
  items: z.array(datasetSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DatasetListResponse = z.infer<typeof datasetListResponseSchema>;

/** GET /api/datasets/export: the catalog's view without paging, plus the format. */
export const exportDatasetsQuerySchema = listDatasetsQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(["csv", "json"], { error: "format must be csv or json" }).default("csv").describe("csv (with a header row) or json (an array)"),
});
export type ExportDatasetsQuery = z.output<typeof exportDatasetsQuerySchema>;

/** A request page's view of its dataset (not part of the API). */
export type RequestDataset = {
  name: string;
  /** For a CHANGE request: the fields it changes (or changed, once applied). */
  changes: { field: string; oldValue: string | null; newValue: string | null }[] | null;
  applied?: boolean;
};
