// The one zod schema of a dataset request. The form (browser), the route handlers
// (server, the authority), the OpenAPI document and the CLI all validate with it.
// Client-safe: no server imports here.
import { z } from "zod";
import { MULTI_LINE, SINGLE_LINE, isWellFormed } from "./text";
import { queryPositiveInt, queryText } from "./text-fields";
import {
  DATA_CLASSIFICATIONS,
  INGESTION_MODES,
  KEY_FORMATS,
  MIGRATION_CHECKLIST,
  PRIORITIES,
  REGIONS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  SORT_FIELDS,
  SOURCE_SYSTEMS,
  UPDATE_FREQUENCIES,
  VALUE_FORMATS,
} from "@/lib/domain/requests/options";
import { FIELD_LABELS as L } from "@/lib/domain/requests/field-labels";
import { decodeListCursor } from "@/lib/domain/requests/list-cursor";

export { SORT_FIELDS, type SortField } from "@/lib/domain/requests/options";

// ---- building blocks -------------------------------------------------------
//
// Every message names its field by its label (field-labels.ts) and says what to type:
// people read them in the form, tools in the API's `details`. None may quote a pattern
// or a type name, or fall back to zod's "Invalid input" (request.test.ts walks them all).

const absent = (input: unknown) => input === undefined || input === null;

/** "X is required: <what>" when absent, otherwise the given message. */
const missingOr = (label: string, what: string, message: string) => (iss: { input?: unknown }) =>
  absent(iss.input) ? `${label} is required: ${what}` : message;

const lowerFirst = (label: string) => (label.startsWith("p99") ? label : label[0]!.toLowerCase() + label.slice(1));

/** `what`: the words after "X is required:", e.g. "2–80 characters". */
const requiredText = (label: string, min: number, max: number, what: string, pattern = SINGLE_LINE) =>
  z
    .string({ error: missingOr(label, what, `${label} must be text: ${what}`) })
    .trim()
    // An empty box (after trimming) is a missing answer, not a short one.
    .min(min, { error: (iss) => (iss.input === "" ? `${label} is required: ${what}` : `${label} needs at least ${min} characters`) })
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en-US")} characters` })
    .regex(pattern, { error: `${label} contains control characters; remove them` })
    .refine(isWellFormed, { error: `${label} contains characters that are not text; retype it` });

/** Optional text: "", null and absent all mean "not given" and come out as null. */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text of at most ${max} characters, or left out` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .regex(SINGLE_LINE, { error: `${label} contains control characters; remove them` })
    .refine(isWellFormed, { error: `${label} contains characters that are not text; retype it` })
    .nullish()
    .transform((v) => (v ? v : null));

const choice = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, {
    error: (iss) => (absent(iss.input) ? `Choose the ${lowerFirst(label)}` : `${label} must be one of ${values.join(", ")}`),
  });

/**
 * A whole number. Not zod's `.int()`: its issue aborts the whole parse (`continue: false`),
 * and an aborted parse skips every later check of the enclosing object, `when` or not, so
 * "1.5 read QPS" would hide the cross-field rules until it was fixed. The documents still
 * say `type: integer`.
 */
const wholeNumber = (schema: z.ZodNumber, message: string) => schema.refine(Number.isInteger, { error: message }).meta({ type: "integer" });

const figures = (n: number) => n.toLocaleString("en-US");

/** A whole value from min to max; `example` is shown when the input is not a value at all. */
const integer = (label: string, min: number, max: number) => {
  const range = `a whole value from ${figures(min)} to ${figures(max)}`;
  return wholeNumber(z.number({ error: missingOr(label, range, `${label} must be ${range}, in digits`) }), `${label} must be a whole value, without decimals`)
    .min(min, { error: `${label} must be at least ${figures(min)}` })
    .max(max, { error: `${label} must be at most ${figures(max)}` });
};

const MAX_INT64 = BigInt("9223372036854775807");
const KEY_COUNT_WHAT = "a whole count of keys above 0, in digits (e.g. 250000000)";
const KEY_COUNT_WRONG = `${L.estimatedKeyCount} must be ${KEY_COUNT_WHAT}`;

/**
 * Key counts exceed 2^31 (and may exceed 2^53): accept a JSON integer or a digit string.
 * Each branch carries the field's own message: the form's resolver shows the closest
 * branch's message, and zod's defaults there ("expected number", a pattern) are not for people.
 */
const keyCount = z
  .union(
    [
      wholeNumber(
        z.number({ error: missingOr(L.estimatedKeyCount, KEY_COUNT_WHAT, KEY_COUNT_WRONG) }),
        `${L.estimatedKeyCount} must be a whole count, without decimals`,
      )
        .positive({ error: `${L.estimatedKeyCount} must be above 0` })
        .max(Number.MAX_SAFE_INTEGER, { error: `${L.estimatedKeyCount} this large must be sent as digits in quotes, e.g. "18446744073"` }),
      z
        .string({ error: missingOr(L.estimatedKeyCount, KEY_COUNT_WHAT, KEY_COUNT_WRONG) })
        .trim()
        .regex(/^[0-9]{1,19}$/, { error: KEY_COUNT_WRONG }),
    ],
    { error: missingOr(L.estimatedKeyCount, KEY_COUNT_WHAT, KEY_COUNT_WRONG) },
  )
  .transform((v) => BigInt(v).toString())
  .refine((v) => BigInt(v) > BigInt(0), { error: `${L.estimatedKeyCount} must be above 0` })
  .refine((v) => BigInt(v) <= MAX_INT64, { error: `${L.estimatedKeyCount} must be at most ${MAX_INT64.toLocaleString("en-US")}` });

export const DATASET_NAME_PATTERN = /^[a-z][a-z0-9_]{2,62}$/;
const DATASET_NAME_WHAT = "3–63 lowercase letters, digits and _, starting with a letter";
/** s3://, gs://, hdfs:// URIs, or a warehouse table as db.table. */
const SOURCE_LOCATION_PATTERN = /^(?:(?:s3|gs|hdfs):\/\/[^\s/]+(?:\/\S*)?|[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)$/;
const SOURCE_LOCATION_WHAT = "an s3://, gs:// or hdfs:// URI, or a warehouse table as db.table";

/** A real calendar date written as YYYY-MM-DD. */
function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** The earliest calendar date that is still today somewhere on earth (UTC-12). */
export function earliestCurrentDate(now = new Date()): string {
  return new Date(now.getTime() - 12 * 3600_000).toISOString().slice(0, 10);
}

const NEEDED_BY_WRONG = `${L.neededBy} must be a date written as YYYY-MM-DD (e.g. 2030-01-31), or left empty`;
const REGIONS_WHAT = `choose at least one of ${REGIONS.join(", ")}`;
const RETENTION_RANGE = "1 to 365 days";
/** Also said by the PATCH handler, which checks the merged request. */
export const NEEDED_BY_IN_THE_PAST = `${L.neededBy} cannot be in the past: choose today or a later date, or leave it empty`;
/** A body that is not an object of fields at all (e.g. a JSON array or a string). */
const NOT_FIELDS = (iss: { code: string }) =>
  iss.code === "unrecognized_keys" ? undefined : 'Send the request\'s fields as a JSON document: { "datasetName": …, "requestType": …, … }';

// ---- the fields ------------------------------------------------------------

export const requestFieldsShape = {
  datasetName: z
    .string({ error: missingOr(L.datasetName, DATASET_NAME_WHAT, `${L.datasetName} must be text: ${DATASET_NAME_WHAT}`) })
    .trim()
    .min(1, { error: `${L.datasetName} is required: ${DATASET_NAME_WHAT}` })
    .regex(DATASET_NAME_PATTERN, { error: `${L.datasetName} must be ${DATASET_NAME_WHAT}` }),
  requestType: choice(L.requestType, REQUEST_TYPES),
  sourceSystem: choice(L.sourceSystem, SOURCE_SYSTEMS)
    .nullish()
    .transform((v) => v ?? null),
  ownerTeam: requiredText(L.ownerTeam, 2, 80, "the team that owns the data, 2–80 characters"),
  contactEmail: z
    .string({ error: missingOr(L.contactEmail, "an email address like name@example.com", `${L.contactEmail} must be an email address like name@example.com`) })
    .trim()
    .min(1, { error: `${L.contactEmail} is required: an email address like name@example.com` })
    .max(254, { error: `${L.contactEmail} must be at most 254 characters` })
    .pipe(z.email({ error: `${L.contactEmail} must be an email address like name@example.com` })),
  useCase: requiredText(L.useCase, 20, 4000, "what the dataset serves and who reads it, 20–4,000 characters", MULTI_LINE),
  keyFormat: choice(L.keyFormat, KEY_FORMATS),
  keyExample: optionalText(L.keyExample, 250),
  valueFormat: choice(L.valueFormat, VALUE_FORMATS),
  valueSchema: optionalText(L.valueSchema, 200),
  ingestion: choice(L.ingestion, INGESTION_MODES),
  sourceLocation: optionalText(L.sourceLocation, 500),
  updateFrequency: choice(L.updateFrequency, UPDATE_FREQUENCIES),
  estimatedSizeGb: z
    .number({
      error: missingOr(L.estimatedSizeGb, "the size before replication, e.g. 120.5", `${L.estimatedSizeGb} must be a size in digits, e.g. 120.5`),
    })
    .positive({ error: `${L.estimatedSizeGb} must be above 0` })
    .max(1_000_000, { error: `${L.estimatedSizeGb} must be at most 1,000,000` }),
  estimatedKeyCount: keyCount,
  readQps: integer(L.readQps, 0, 1_000_000_000),
  writeQps: integer(L.writeQps, 0, 1_000_000_000),
  p99LatencyMs: integer(L.p99LatencyMs, 1, 10_000),
  ttlDays: integer(L.ttlDays, 1, 36_500)
    .nullish()
    .transform((v) => v ?? null),
  regions: z
    .array(z.enum(REGIONS, { error: `${L.regions}: unknown region; ${REGIONS_WHAT}` }), { error: `${L.regions}: ${REGIONS_WHAT}` })
    .min(1, { error: `${L.regions}: ${REGIONS_WHAT}` })
    .refine((r) => new Set(r).size === r.length, { error: `${L.regions}: choose each region once` }),
  dataClassification: choice(L.dataClassification, DATA_CLASSIFICATIONS),
  backupsEnabled: z.boolean({ error: `${L.backupsEnabled} must be on or off (true or false)` }),
  backupRetentionDays: integer(L.backupRetentionDays, 1, 365)
    .nullish()
    .transform((v) => v ?? null),
  neededBy: z
    .string({ error: NEEDED_BY_WRONG })
    .trim()
    .refine((v) => v === "" || isCalendarDate(v), { error: NEEDED_BY_WRONG })
    .nullish()
    .transform((v) => (v ? v : null)),
  priority: choice(L.priority, PRIORITIES).default("MEDIUM"),
} as const;

type FieldsOutput = z.output<z.ZodObject<typeof requestFieldsShape>>;

/**
 * Cross-field rules. They run even while other fields are still invalid (so the form
 * shows them at once) and therefore read the values defensively.
 */
function checkCrossFieldRules(v: Partial<Record<keyof FieldsOutput, unknown>>, ctx: z.RefinementCtx) {
  const issue = (path: keyof FieldsOutput, message: string) => ctx.addIssue({ code: "custom", path: [path], message, input: v[path] });

  if (v.requestType === "MIGRATION" && !v.sourceSystem) issue("sourceSystem", `${L.sourceSystem} is required for a migration: choose the store it moves off`);
  if ((v.valueFormat === "THRIFT" || v.valueFormat === "PROTOBUF") && !v.valueSchema)
    issue("valueSchema", `${L.valueSchema} (the struct or message name) is required for ${v.valueFormat === "THRIFT" ? "Thrift" : "Protobuf"} values`);
  if (v.ingestion === "BATCH") {
    if (!v.sourceLocation) issue("sourceLocation", `${L.sourceLocation} is required for batch ingestion: ${SOURCE_LOCATION_WHAT}`);
    else if (typeof v.sourceLocation === "string" && !SOURCE_LOCATION_PATTERN.test(v.sourceLocation))
      issue("sourceLocation", `${L.sourceLocation}: use ${SOURCE_LOCATION_WHAT}`);
  }
  if (v.backupsEnabled === true && (v.backupRetentionDays === null || v.backupRetentionDays === undefined))
    issue("backupRetentionDays", `${L.backupRetentionDays} is required when backups are on: ${RETENTION_RANGE}`);
}

/** Run even when some fields failed, as long as there is an object to read. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

/**
 * The request form's schema. Unknown fields are rejected. A needed-by date may not be in
 * the past, except one the request already had (an edit must not fail on an old date).
 */
export function requestFormSchemaFor(existingNeededBy: string | null) {
  return (
    z
      .strictObject(requestFieldsShape, { error: NOT_FIELDS })
      .superRefine(checkCrossFieldRules, always)
      .superRefine((v, ctx) => {
        const neededBy = typeof v.neededBy === "string" ? v.neededBy.trim() : null;
        if (neededBy && isCalendarDate(neededBy) && neededBy !== existingNeededBy && neededBy < earliestCurrentDate())
          ctx.addIssue({ code: "custom", path: ["neededBy"], message: NEEDED_BY_IN_THE_PAST, input: v.neededBy });
      }, always)
      // Retention means nothing without backups: store none rather than a misleading value.
      .transform((v) => (v.backupsEnabled ? v : { ...v, backupRetentionDays: null }))
  );
}

/** Body of POST /api/requests and of the new-request form. */
export const createRequestBodySchema = requestFormSchemaFor(null);

/** A whole stored request's fields (no date-in-the-past rule: old requests stay valid). */
export const requestFieldsSchema = z
  .strictObject(requestFieldsShape, { error: NOT_FIELDS })
  .superRefine(checkCrossFieldRules, always)
  .transform((v) => (v.backupsEnabled ? v : { ...v, backupRetentionDays: null }));
export type RequestFields = z.output<typeof requestFieldsSchema>;

export const REQUEST_FIELD_NAMES = Object.keys(requestFieldsShape) as (keyof typeof requestFieldsShape)[];

/** The request's own fields (what the form edits), from a stored request. */
export function pickFields(detail: RequestFields): RequestFields {
  return Object.fromEntries(REQUEST_FIELD_NAMES.map((k) => [k, detail[k]])) as RequestFields;
}

export type CreateRequestInput = z.input<typeof createRequestBodySchema>;
export type CreateRequestBody = z.output<typeof createRequestBodySchema>;

// ---- changes to an existing request ----------------------------------------

/** The version a client read; updates naming an older one get 409 (If-Match works too). */
const versionField = z
  .number({ error: "version must be the request's version number you read" })
  .int({ error: "version must be a whole number" })
  .positive({ error: "version must be a whole number" });

/** Multi-line free text: notes and comments. */
const noteText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .regex(MULTI_LINE, { error: `${label} contains control characters` })
    .refine(isWellFormed, { error: `${label} contains invalid characters` });

/** Every request field optional, and no default: a PATCH changes only what it names. */
const editableFieldsShape = {
  ...requestFieldsShape,
  priority: choice(L.priority, PRIORITIES),
};

/**
 * PATCH /api/requests/{number}. The requester may change request fields while the
 * request is SUBMITTED or NEEDS_INFO; admins may also set priority, assignee and the
 * migration checklist at any time. Cross-field rules are checked on the merged result.
 */
export const updateRequestBodySchema = z.strictObject({
  ...z.object(editableFieldsShape).partial().shape,
  assigneeId: z.string().trim().min(1).max(64).nullable().optional().describe("A user id, or null to unassign"),
  checklist: z
    .partialRecord(z.enum(MIGRATION_CHECKLIST), z.boolean({ error: "Checklist items are true or false" }))
    .optional()
    .describe("Migration steps to tick (true) or untick (false)"),
  version: versionField.optional(),
});
export type UpdateRequestBody = z.output<typeof updateRequestBodySchema>;

/** POST /api/requests/{number}/transitions */
export const transitionBodySchema = z.strictObject({
  to: z.enum(REQUEST_STATUSES, { error: `to must be one of ${REQUEST_STATUSES.join(", ")}` }),
  note: noteText("Note", 2000)
    .nullish()
    .transform((v) => (v ? v : null)),
  version: versionField.optional(),
  override: z
    .boolean({ error: "override is true or false" })
    .optional()
    .describe(
      "Admins: complete a migration whose checklist has open steps anyway. Needs a note saying why; the history records the override and the open steps.",
    ),
});
export type TransitionBody = z.output<typeof transitionBodySchema>;

/** POST /api/requests/bulk-transitions — admins move several requests at once. */
export const bulkTransitionBodySchema = z.strictObject({
  numbers: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(?:KV-)?[1-9][0-9]{0,9}$/i, { error: "Use request numbers like KV-12" }),
    )
    .min(1, { error: "Choose at least one request" })
    .max(100, { error: "At most 100 requests at once" }),
  to: transitionBodySchema.shape.to,
  note: transitionBodySchema.shape.note,
});
export type BulkTransitionBody = z.output<typeof bulkTransitionBodySchema>;

/** POST /api/requests/bulk-updates — admins assign several requests, or set their priority, at once. */
export const bulkUpdateBodySchema = z
  .strictObject({
    numbers: bulkTransitionBodySchema.shape.numbers,
    assigneeId: updateRequestBodySchema.shape.assigneeId,
    priority: z.enum(PRIORITIES, { error: `priority must be one of ${PRIORITIES.join(", ")}` }).optional(),
  })
  .refine((b) => b.assigneeId !== undefined || b.priority !== undefined, { error: "Give assigneeId, priority or both", path: ["assigneeId"] });
export type BulkUpdateBody = z.output<typeof bulkUpdateBodySchema>;

/** POST /api/requests/{number}/comments */
export const commentBodySchema = z.strictObject({
  body: noteText("Comment", 4000).min(1, { error: "Write a comment first" }),
});
export type CommentBody = z.output<typeof commentBodySchema>;

/** PATCH /api/requests/{number}/comments/{id}: the author's new words, within 15 minutes of posting. */
export const updateCommentBodySchema = commentBodySchema;
export type UpdateCommentBody = z.output<typeof updateCommentBodySchema>;

// ---- responses (DTOs) ------------------------------------------------------

export const userRefSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const requestSummarySchema = z.object({
  number: z.string().describe("Human id, KV-<n>"),
  datasetName: z.string(),
  requestType: z.enum(REQUEST_TYPES),
  ownerTeam: z.string(),
  status: z.enum(REQUEST_STATUSES),
  priority: z.enum(PRIORITIES),
  requester: userRefSchema,
  assignee: userRefSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  statusChangedAt: z.iso.datetime(),
  checklistProgress: z
    .object({ done: z.number().int(), total: z.number().int() })
    .nullable()
    .describe("Migration checklist progress; null for other request types"),
});

export const requestEventSchema = z.object({
  id: z.number().int(),
  kind: z
    .enum(["CREATED", "STATUS", "ASSIGNEE", "PRIORITY", "EDIT", "CHECKLIST", "COMMENT_EDITED", "COMMENT_DELETED"])
    .describe("COMMENT_EDITED and COMMENT_DELETED name the comment's id in field"),
  actor: userRefSchema,
  fromStatus: z.enum(REQUEST_STATUSES).nullable(),
  toStatus: z.enum(REQUEST_STATUSES).nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const commentSchema = z.object({
  id: z.number().int(),
  author: userRefSchema,
  body: z.string().describe("Empty once the comment is deleted"),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable().describe("When its author last edited it (within 15 minutes of posting)"),
  deletedAt: z.iso.datetime().nullable().describe('When its author deleted it; it stays in the timeline as "Comment deleted"'),
});

export const requestDetailSchema = requestSummarySchema.extend({
  sourceSystem: z.enum(SOURCE_SYSTEMS).nullable(),
  contactEmail: z.string(),
  useCase: z.string(),
  keyFormat: z.enum(KEY_FORMATS),
  keyExample: z.string().nullable(),
  valueFormat: z.enum(VALUE_FORMATS),
  valueSchema: z.string().nullable(),
  ingestion: z.enum(INGESTION_MODES),
  sourceLocation: z.string().nullable(),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
  estimatedSizeGb: z.number(),
  estimatedKeyCount: z.string().describe("Decimal digits: counts can exceed 2^53"),
  readQps: z.number().int(),
  writeQps: z.number().int(),
  p99LatencyMs: z.number().int(),
  ttlDays: z.number().int().nullable(),
  regions: z.array(z.enum(REGIONS)),
  dataClassification: z.enum(DATA_CLASSIFICATIONS),
  backupsEnabled: z.boolean(),
  backupRetentionDays: z.number().int().nullable(),
  neededBy: z.string().nullable(),
  completedAt: z.iso.datetime().nullable(),
  checklist: z.array(z.enum(MIGRATION_CHECKLIST)).describe("Migration steps done"),
  version: z.number().int(),
  history: z.array(requestEventSchema),
  comments: z.array(commentSchema),
});

export type RequestSummary = z.infer<typeof requestSummarySchema>;
export type RequestDetail = z.infer<typeof requestDetailSchema>;
export type RequestEventDto = z.infer<typeof requestEventSchema>;
export type CommentDto = z.infer<typeof commentSchema>;

// ---- the queue's list query ------------------------------------------------

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/**
 * GET /api/requests query. Values arrive as strings (repeatable ones as arrays);
 * `assignee` and `requester` take "me", a user id, or ("unassigned" / "all").
 */
export const listRequestsQuerySchema = z.strictObject({
  sort: z.enum(SORT_FIELDS, { error: `sort must be one of ${SORT_FIELDS.join(", ")}` }).default("number"),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("desc"),
  status: oneOrMany(z.enum(REQUEST_STATUSES, { error: `status must be one of ${REQUEST_STATUSES.join(", ")}` }))
    // Each status once, in one order: a repeated status adds nothing but another SQL shape.
    .refine((all) => all.length <= REQUEST_STATUSES.length, { error: `status may be given at most ${REQUEST_STATUSES.length} times` })
    .transform((all) => REQUEST_STATUSES.filter((s) => all.includes(s)))
    .optional(),
  type: z.enum(REQUEST_TYPES, { error: `type must be one of ${REQUEST_TYPES.join(", ")}` }).optional(),
  team: queryText("team", 1, 80).optional(),
  assignee: queryText("assignee", 1, 64).optional(),
  requester: queryText("requester", 1, 64).optional(),
  priority: z.enum(PRIORITIES, { error: `priority must be one of ${PRIORITIES.join(", ")}` }).optional(),
  stale: z
    .enum(["true"], { error: "stale must be true (or left out)" })
    .optional()
    .describe("true: only open requests longer in their status than its threshold (lib/domain/requests/staleness.ts)"),
  q: queryText("q", 0, 200).optional(),
  page: queryPositiveInt("page", 100_000).default(1),
  pageSize: queryPositiveInt("pageSize", 100).default(25),
});

export type ListRequestsQuery = z.output<typeof listRequestsQuerySchema>;
export type ListRequestsQueryInput = z.input<typeof listRequestsQuerySchema>;

/**
 * GET /api/requests: the queue's query, plus where the page starts (`after`, a cursor
 * from the previous page's `nextCursor`). Saved views keep page numbers; the queue's URL
 * carries `after` beside them after "next" (list-cursor.ts tells why cursors exist).
 */
export const listPageQuerySchema = listRequestsQuerySchema
  .extend({
    after: queryText("after", 1, 1000)
      .transform((raw, ctx) => {
        const cursor = decodeListCursor(raw);
        if (!cursor) ctx.addIssue({ code: "custom", message: "after must be a nextCursor from an earlier page of this list" });
        return cursor ?? z.NEVER;
      })
      .optional()
      .describe(
        "The previous page's nextCursor: this page then starts right after that page's last request, as quickly at page 20,000 as at page 1. Give the same sort and order, and page (the number shown).",
      ),
  })
  .superRefine((query, ctx) => {
    if (query.after && (query.after.sort !== query.sort || query.after.order !== query.order))
      ctx.addIssue({ code: "custom", path: ["after"], message: "after belongs to another sort or order: start again from page 1 without it" });
  });

export const requestListResponseSchema = z.object({
  items: z.array(requestSummarySchema),
  total: z.number().int(),
  /**
   * True when a free-text search stopped counting early: there are at least `total`
   * matches (and more pages after this one while `total` is beyond it).
   */
  totalIsLowerBound: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z
    .string()
    .nullable()
    .describe("Give it as `after` (with page + 1) for the next page, read from where this one ended; null when this page is the last"),
});
export type RequestListResponse = z.infer<typeof requestListResponseSchema>;

export const bulkTransitionResponseSchema = z.object({
  results: z.array(
    z.union([
      z.object({ number: z.string(), ok: z.literal(true), status: z.enum(REQUEST_STATUSES) }),
      z.object({ number: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});
export type BulkTransitionResponse = z.infer<typeof bulkTransitionResponseSchema>;

export const bulkUpdateResponseSchema = z.object({
  results: z.array(
    z.union([
      z.object({ number: z.string(), ok: z.literal(true), assignee: userRefSchema.nullable(), priority: z.enum(PRIORITIES) }),
      z.object({ number: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});
export type BulkUpdateResponse = z.infer<typeof bulkUpdateResponseSchema>;

/** One message of GET /api/events (server-sent events): something about a request changed. */
export const requestChangedEventSchema = z.object({
  type: z.literal("request.changed"),
  number: z.string(),
  version: z.number().int(),
});
export type RequestChangedEvent = z.infer<typeof requestChangedEventSchema>;

/** GET /api/events: where to resume (the id of the last event seen, or of the page's render). */
export const eventsQuerySchema = z.strictObject({
  lastEventId: z
    .string()
    .min(1)
    .max(100, { error: "lastEventId is at most 100 characters" })
    .optional()
    .describe("Resume after this event id (as the Last-Event-ID header, which wins when both are sent)"),
});

/** GET /api/requests/counts — how many requests each queue preset (lib/domain/requests/presets.ts) holds for you. */
export const presetCountsResponseSchema = z.object({
  waitingOnMe: z.number().int(),
  unassigned: z.number().int(),
  stale: z.number().int(),
  mine: z.number().int(),
});
export type PresetCounts = z.infer<typeof presetCountsResponseSchema>;
export const presetCountsQuerySchema = z.strictObject({});
