// Every endpoint under /api, declared once, with the zod schemas its route handler
// parses with. lib/openapi/document.ts turns this list into the OpenAPI 3.1 document,
// and tests/api/openapi.test.ts fails when a route file is missing from it.
import { z } from "zod";
import {
  bulkTransitionBodySchema,
  bulkTransitionResponseSchema,
  bulkUpdateBodySchema,
  bulkUpdateResponseSchema,
  commentBodySchema,
  commentSchema,
  createRequestBodySchema,
  eventsQuerySchema,
  listPageQuerySchema,
  presetCountsQuerySchema,
  presetCountsResponseSchema,
  requestDetailSchema,
  requestListResponseSchema,
  transitionBodySchema,
  updateCommentBodySchema,
  updateRequestBodySchema,
} from "@/lib/schemas/request";
import { exportRequestsQuerySchema, requestExportRowSchema } from "@/lib/schemas/export";
import { IMPORT_ENCODING, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importQuerySchema, importReportSchema } from "@/lib/schemas/import";
import { createdTokenSchema, createTokenBodySchema, meResponseSchema, tokenListResponseSchema } from "@/lib/schemas/token";
import { similarRequestsQuerySchema, similarRequestsResponseSchema } from "@/lib/schemas/similar";
import { healthResponseSchema } from "@/lib/schemas/health";
import { createViewBodySchema, MAX_SAVED_VIEWS, savedViewSchema, viewListResponseSchema } from "@/lib/schemas/view";
import { listUsersQuerySchema, updateUserBodySchema, userListResponseSchema, userSchema } from "@/lib/schemas/user";
import {
  datasetDetailSchema,
  datasetListResponseSchema,
  datasetSummarySchema,
  exportDatasetsQuerySchema,
  listDatasetsQuerySchema,
  updateDatasetBodySchema,
} from "@/lib/schemas/dataset";
import {
  inboxQuerySchema,
  inboxResponseSchema,
  markReadBodySchema,
  notificationSettingsSchema,
  unreadCountSchema,
  updateNotificationSettingsSchema,
  watchStateSchema,
} from "@/lib/schemas/notification";
import {
  createdWebhookSchema,
  createWebhookBodySchema,
  webhookDeliveryListResponseSchema,
  webhookDeliverySchema,
  webhookListResponseSchema,
} from "@/lib/schemas/webhook";
import { DOC_ASSETS } from "@/lib/openapi/doc-assets";
import type { EndpointSpec } from "@/lib/openapi/define-endpoint";

// ---- named components (a .meta() id turns a schema into a reusable $ref) --------

// Request bodies are named here; response schemas are named in document.ts (they are
// shared by instance, so naming the original makes every use a $ref).
const CreateRequest = createRequestBodySchema.meta({
  id: "CreateRequest",
  description: "A new dataset request. Unknown fields are refused; strings are trimmed.",
});
const UpdateRequest = updateRequestBodySchema.meta({ id: "UpdateRequest" });
const Transition = transitionBodySchema.meta({ id: "Transition" });
const BulkTransition = bulkTransitionBodySchema.meta({ id: "BulkTransition" });
const BulkUpdate = bulkUpdateBodySchema.meta({ id: "BulkUpdate" });
const NewComment = commentBodySchema.meta({ id: "NewComment" });
const EditComment = updateCommentBodySchema.meta({ id: "EditComment", description: "The comment's new text (replaces the old one)." });
const NewToken = createTokenBodySchema.meta({ id: "NewApiToken" });
const UpdateUser = updateUserBodySchema.meta({ id: "UpdateUser" });
const NewView = createViewBodySchema.meta({ id: "NewSavedView" });
const UpdateDataset = updateDatasetBodySchema.meta({ id: "UpdateDataset" });
const UpdateNotificationSettings = updateNotificationSettingsSchema.meta({
  id: "UpdateNotificationSettings",
  description: "The kinds named change; the others keep their choice.",
});
const MarkRead = markReadBodySchema.meta({ id: "MarkRead", description: "`{ ids }`: these notifications; `{ all: true }`: every one." });
const NewWebhook = createWebhookBodySchema.meta({ id: "NewWebhook" });

// ---- parameters the routes read without a schema of their own -------------------

const requestNumberParam = z.object({
  number: z
    .string()
    .regex(/^(?:[Kk][Vv]-)?[1-9][0-9]{0,9}$/)
    .describe("The request number: KV-12, kv-12 or 12")
    .meta({ example: "KV-12" }),
});
const datasetNameParam = z.object({ datasetName: z.string().describe("A dataset name").meta({ example: "payments_ledger" }) });
const commentParams = requestNumberParam.extend({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .describe("The comment's id")
    .meta({ example: "7" }),
});
const tokenIdParam = z.object({ id: z.string().describe("The token's id (not the token itself)") });
const userIdParam = z.object({ id: z.string().describe("The person's id") });
const viewIdParam = z.object({ id: z.string().describe("The view's id") });
const webhookIdParam = z.object({ id: z.string().describe("The webhook's id").meta({ example: "wh_4f0c2a…" }) });
const deliveryParams = webhookIdParam.extend({
  deliveryId: z.string().describe("The delivery's id (its KVStore-Delivery header)"),
});
const NO_SUCH_WEBHOOK = "No webhook has this id (NOT_FOUND).";

const NO_SUCH_REQUEST = "No request with this number (NOT_FOUND).";

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const status = (value: string) => z.object({ status: z.literal(value) });

// ---- better-auth's endpoints (documented here; better-auth validates them) -------

const signInBody = z.strictObject({
  email: z.email(),
  password: z.string().min(1),
  rememberMe: z.boolean().optional().describe("Keep the session beyond the browser session (default true)"),
  callbackURL: z.string().optional(),
});
const signInResponse = z.object({
  redirect: z.boolean(),
  token: z.string().describe("The session token, also set as the better-auth.session_token cookie"),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).loose(),
});
const betterAuthError = z
  .object({ code: z.string().optional(), message: z.string() })
  .meta({ id: "AuthError", description: "Errors of the sign-in endpoints come from better-auth in its own shape." });

// ---- the endpoints ----------------------------------------------------------------

export const ENDPOINTS: EndpointSpec[] = [
  // Requests
  {
    method: "get",
    path: "/api/requests",
    operationId: "listRequests",
    summary: "List requests (the queue)",
    description:
      "Filtered, sorted and paged in the database. `status` repeats (`?status=SUBMITTED&status=IN_REVIEW`). `assignee` and `requester` take `me`, `unassigned`, `all` or a user id.",
    tag: "Requests",
    access: "user",
    params: { query: listPageQuerySchema },
    responses: { 200: json(requestListResponseSchema, "One page of the view") },
  },
  {
    method: "post",
    path: "/api/requests",
    operationId: "createRequest",
    summary: "Submit a request",
    tag: "Requests",
    access: "user",
    jsonBody: CreateRequest,
    responses: {
      201: {
        ...json(requestDetailSchema, "Created, as SUBMITTED, with its first history event"),
        headers: z.object({ Location: z.string().describe("/api/requests/KV-<n>") }),
      },
    },
    errors: { 409: "A live request already holds this dataset name (DUPLICATE_DATASET_NAME)." },
  },
  {
    method: "get",
    path: "/api/requests/{number}",
    operationId: "getRequest",
    summary: "Read one request with its history and comments",
    tag: "Requests",
    access: "user",
    params: { path: requestNumberParam },
    responses: { 200: json(requestDetailSchema, "The request") },
    errors: { 404: NO_SUCH_REQUEST },
  },
  {
    method: "patch",
    path: "/api/requests/{number}",
    operationId: "updateRequest",
    summary: "Edit a request",
    description:
      'The requester edits request fields while the request is SUBMITTED or NEEDS_INFO; admins may also set priority, assignee and the migration checklist. Name the version you read in the body (`version`) or as `If-Match: "<n>"`.',
    tag: "Requests",
    access: "user",
    params: {
      path: requestNumberParam,
      header: z.object({
        "If-Match": z
          .string()
          .regex(/^"?\d+"?$/)
          .optional()
          .describe('The version you read, e.g. "3" (or send `version` in the body)'),
      }),
    },
    jsonBody: UpdateRequest,
    responses: { 200: json(requestDetailSchema, "The request after the edit") },
    errors: {
      403: "Not allowed to edit this request, or these fields, in its status (FORBIDDEN).",
      404: NO_SUCH_REQUEST,
      409: "The request changed since you read it (STALE_VERSION), the status does not allow this (ILLEGAL_TRANSITION), or the new dataset name is taken (DUPLICATE_DATASET_NAME).",
    },
  },
  {
    method: "post",
    path: "/api/requests/{number}/transitions",
    operationId: "transitionRequest",
    summary: "Move a request to another status",
    description:
      'A note is required for REJECTED and NEEDS_INFO. A MIGRATION moves to COMPLETED only with every checklist step ticked; otherwise 409 CHECKLIST_INCOMPLETE names the open steps (`details`: `checklist.<STEP>`). An admin may complete it anyway with `{ "to": "COMPLETED", "override": true, "note": "why" }`: the history\'s STATUS event then carries the note prefixed with the open steps, and `field: "checklistOverride"` with the steps in `oldValue`. `override` changes nothing when no step is open. Each transition is an event in the request\'s history.',
    tag: "Requests",
    access: "user",
    params: { path: requestNumberParam },
    jsonBody: Transition,
    responses: { 200: json(requestDetailSchema, "The request in its new status") },
    errors: {
      403: "Your role may not make this transition, or override a migration's checklist (FORBIDDEN).",
      404: NO_SUCH_REQUEST,
      409: "Not allowed from the current status (ILLEGAL_TRANSITION; `details` list the allowed targets), a migration's checklist has open steps (CHECKLIST_INCOMPLETE; `details` name them), or the request changed since you read it (STALE_VERSION).",
    },
  },
  {
    method: "post",
    path: "/api/requests/{number}/comments",
    operationId: "commentOnRequest",
    summary: "Comment on a request",
    tag: "Requests",
    access: "user",
    params: { path: requestNumberParam },
    jsonBody: NewComment,
    responses: { 201: json(commentSchema, "The new comment") },
    errors: { 404: NO_SUCH_REQUEST },
  },
  {
    method: "patch",
    path: "/api/requests/{number}/comments/{id}",
    operationId: "editComment",
    summary: "Edit your comment",
    description:
      "Only its author, and only in the first 15 minutes after posting (admins included: a comment is its author's words). The request's history records a `COMMENT_EDITED` event naming the comment's id in `field`.",
    tag: "Requests",
    access: "user",
    params: { path: commentParams },
    jsonBody: EditComment,
    responses: { 200: json(commentSchema, "The comment as it is now (`editedAt` set)") },
    errors: {
      403: "The comment is someone else's (FORBIDDEN).",
      404: "No such request, or no comment with this id on it (NOT_FOUND).",
      409: "More than 15 minutes since posting, or the comment was deleted (CONFLICT).",
    },
  },
  {
    method: "delete",
    path: "/api/requests/{number}/comments/{id}",
    operationId: "deleteComment",
    summary: "Delete your comment",
    description:
      'Only its author, and only in the first 15 minutes after posting. The comment keeps its place in the timeline with an empty body and `deletedAt` set (pages show "Comment deleted"); the request\'s history records a `COMMENT_DELETED` event.',
    tag: "Requests",
    access: "user",
    params: { path: commentParams },
    responses: { 200: json(commentSchema, "The deleted comment (`deletedAt` set, `body` empty)") },
    errors: {
      403: "The comment is someone else's (FORBIDDEN).",
      404: "No such request, or no comment with this id on it (NOT_FOUND).",
      409: "More than 15 minutes since posting, or the comment was already deleted (CONFLICT).",
    },
  },
  {
    method: "post",
    path: "/api/requests/bulk-transitions",
    operationId: "bulkTransitionRequests",
    summary: "Move several requests at once",
    description:
      "Each request is transitioned on its own, by the same rules as one transition; the result lists what happened to each. There is no checklist override in bulk: a migration with open checklist steps fails with CHECKLIST_INCOMPLETE (override it on its own).",
    tag: "Requests",
    access: "admin",
    jsonBody: BulkTransition,
    responses: { 200: json(bulkTransitionResponseSchema, "One result per request") },
  },
  {
    method: "post",
    path: "/api/requests/bulk-updates",
    operationId: "bulkUpdateRequests",
    summary: "Assign several requests, or set their priority, at once",
    description:
      "`assigneeId` (someone on the storage team, or null to unassign), `priority`, or both. Each request is changed on its own, as by PATCH (the same checks, one history event per change); the result lists what happened to each.",
    tag: "Requests",
    access: "admin",
    jsonBody: BulkUpdate,
    responses: { 200: json(bulkUpdateResponseSchema, "One result per request") },
  },
  {
    method: "get",
    path: "/api/requests/counts",
    operationId: "countQueuePresets",
    summary: "How many requests each queue preset holds for you",
    description:
      "The presets above the queue, counted exactly as the queue counts their views. `waitingOnMe`: admins, open requests assigned to you and not in NEEDS_INFO; requesters, your requests in NEEDS_INFO. `unassigned`: open requests with no assignee. `stale`: open requests longer in their status than its threshold (same as `GET /api/requests?stale=true`). `mine`: admins, open requests assigned to you; requesters, every request you submitted.",
    tag: "Requests",
    access: "user",
    params: { query: presetCountsQuerySchema },
    responses: { 200: json(presetCountsResponseSchema, "One count per preset") },
  },
  {
    method: "get",
    path: "/api/requests/similar",
    operationId: "findSimilarRequests",
    summary: "Live requests that may duplicate the one being written",
    description:
      "What the form shows under Dataset name and Source location: live requests (not rejected or cancelled) with the same name, a similar name, or the same source location. Every lookup is an index probe.",
    tag: "Requests",
    access: "user",
    params: { query: similarRequestsQuerySchema },
    responses: { 200: json(similarRequestsResponseSchema, "At most 5 name matches (the closest first) and 5 location matches") },
  },
  {
    method: "get",
    path: "/api/requests/export",
    operationId: "exportRequests",
    summary: "Export a view of the queue as CSV or JSON",
    description:
      "The list's filters and sort, every page (no `page`/`pageSize`), streamed from the database. CSV has a header row with the request's field names; regions are joined with `;`, people are given by email, and a cell a spreadsheet would run as a formula starts with `'`.",
    tag: "Import and export",
    access: "user",
    params: { query: exportRequestsQuerySchema },
    responses: {
      200: {
        description: "A file download (Content-Disposition: attachment)",
        headers: z.object({ "Content-Disposition": z.string().describe('attachment; filename="kvstore-requests-<time>.<format>"') }),
        content: {
          "text/csv": { schema: z.string().describe("RFC 4180 CSV with a header row") },
          "application/json": { schema: z.array(requestExportRowSchema) },
        },
      },
    },
  },
  {
    method: "post",
    path: "/api/requests/import",
    operationId: "importRequests",
    summary: "Import many requests from a CSV or JSON file",
    description: [
      `Send the file as the body: \`text/csv\` (a header row of request field names; regions separated by \`;\` or \`|\`; booleans true/false; an empty cell means not given) or \`application/json\` (an array of request objects), encoded in ${IMPORT_ENCODING} (a byte order mark is allowed; a file in another encoding, such as Latin-1, is refused with 400, \`file\` in \`details\`). At most ${IMPORT_MAX_BYTES / (1024 * 1024)} MB and ${IMPORT_MAX_ROWS.toLocaleString("en-US")} requests: the one exception to the 64 KB body limit.`,
      "Every row is validated like `POST /api/requests`. A dataset name that appears in several rows, or belongs to a live request, is a duplicate: reported, never merged. Rows are numbered from 1 (the first request).",
      "`mode=validate` (default) reports and stores nothing. `mode=all-or-nothing` stores every row in one transaction, or nothing when any row has a problem (then 400/409 with `rows.<n>.<field>` paths in `details`). `mode=valid-only` stores the rows without problems and reports the rest.",
    ].join("\n\n"),
    tag: "Import and export",
    access: "user",
    params: { query: importQuerySchema },
    body: {
      required: true,
      content: {
        "text/csv": { schema: z.string().describe("CSV with a header row") },
        "application/json": { schema: z.array(CreateRequest) },
      },
    },
    responses: {
      200: json(importReportSchema, "The report; nothing was stored (validate, or valid-only with no valid row)"),
      201: json(importReportSchema, "The report; the rows marked imported were stored"),
    },
    errors: {
      400: `The file is not ${IMPORT_ENCODING} (\`file\`) or cannot be read, its CSV header does not match the request fields (\`columns.<name>\`), or (all-or-nothing) rows are invalid (\`rows.<n>.<field>\`).`,
      409: "All-or-nothing: rows are duplicates (`rows.<n>.datasetName`); nothing was stored.",
      413: `Over ${IMPORT_MAX_BYTES / (1024 * 1024)} MB or ${IMPORT_MAX_ROWS.toLocaleString("en-US")} requests (PAYLOAD_TOO_LARGE).`,
      415: "Not text/csv or application/json (UNSUPPORTED_MEDIA_TYPE).",
    },
  },

  // Datasets
  {
    method: "get",
    path: "/api/datasets",
    operationId: "listDatasets",
    summary: "List datasets (the catalog)",
    description:
      "Every dataset: born when its NEW or MIGRATION request completes. Filtered (`status`, `team`, `region`, `classification`, `keyFormat`, `valueFormat`), searched (`q`: part of the name, team or use case), sorted and paged on the server, like the queue.",
    tag: "Datasets",
    access: "user",
    params: { query: listDatasetsQuerySchema },
    responses: { 200: json(datasetListResponseSchema, "One page of datasets") },
  },
  {
    method: "get",
    path: "/api/datasets/export",
    operationId: "exportDatasets",
    summary: "Export a view of the catalog as CSV or JSON",
    description:
      "The catalog's filters and sort, every page (no `page`/`pageSize`). Regions are joined with `;` in CSV; a cell a spreadsheet would run as a formula starts with `'`.",
    tag: "Import and export",
    access: "user",
    params: { query: exportDatasetsQuerySchema },
    responses: {
      200: {
        description: "A file download (Content-Disposition: attachment)",
        headers: z.object({ "Content-Disposition": z.string().describe('attachment; filename="kvstore-datasets-<time>.<format>"') }),
        content: {
          "text/csv": { schema: z.string().describe("CSV with a header row") },
          "application/json": { schema: z.array(datasetSummarySchema) },
        },
      },
    },
  },
  {
    method: "get",
    path: "/api/datasets/{datasetName}",
    operationId: "getDataset",
    summary: "A dataset: metadata, provisioned facts, links, history and requests",
    description:
      "The live dataset of this name, or its latest decommissioned one. Its metadata is its NEW or MIGRATION request's, amended by every completed CHANGE request; `history` lists every amendment and every change to its provisioned facts, newest first.",
    tag: "Datasets",
    access: "user",
    params: { path: datasetNameParam },
    responses: { 200: json(datasetDetailSchema, "The dataset") },
    errors: { 404: "No dataset ever had this name (NOT_FOUND)." },
  },
  {
    method: "patch",
    path: "/api/datasets/{datasetName}",
    operationId: "updateDataset",
    summary: "Set a dataset's provisioned facts and links (storage team and its tooling)",
    description:
      "Cluster, keyspace or namespace, endpoint, actual size, peak QPS, when it was created, on-call, runbook and dashboard links (http or https only). Send only what changes; `null` clears a value. Every changed field is a line of the dataset's history.",
    tag: "Datasets",
    access: "admin",
    params: { path: datasetNameParam },
    jsonBody: UpdateDataset,
    responses: { 200: json(datasetDetailSchema, "The dataset as it is now") },
    errors: { 404: "No live dataset has this name (NOT_FOUND)." },
  },

  // People
  {
    method: "get",
    path: "/api/users",
    operationId: "listUsers",
    summary: "List people (to assign or filter by; the admins' people page)",
    description:
      "Searched (`q`: part of a name, email or team), filtered (`role`, `active`), sorted and paged on the server. `lastSeenAt` is filled for admins only, and only admins may sort by it.",
    tag: "Users",
    access: "user",
    params: { query: listUsersQuerySchema },
    responses: { 200: json(userListResponseSchema, "One page of people, and how many match") },
    errors: { 403: "`sort=lastSeenAt` by someone who is not an admin (FORBIDDEN)." },
  },
  {
    method: "patch",
    path: "/api/users/{id}",
    operationId: "updateUser",
    summary: "Change a person's role, or deactivate or reactivate them",
    description:
      "Every change is recorded (who, whom, from, to, when). Deactivating ends the person's sessions and revokes their API tokens at once (their next call is 401) and refuses their sign-in (403). Where roles come from the identity provider's groups (`OIDC_ADMIN_GROUPS`), a role set here lasts until the person's next sign-in.",
    tag: "Users",
    access: "admin",
    params: { path: userIdParam },
    jsonBody: UpdateUser,
    responses: { 200: json(userSchema, "The person as they are now") },
    errors: {
      404: "Nobody has this id (NOT_FOUND).",
      409: "The change would leave no active admin: the last active admin cannot demote or deactivate themselves (CONFLICT).",
    },
  },
  {
    method: "get",
    path: "/api/me",
    operationId: "getMe",
    summary: "Who the API takes you for",
    tag: "Account",
    access: "user",
    description: "For token calls, the token too: whether it is read-only and when it expires (kvctl login prints both).",
    responses: { 200: json(meResponseSchema, "The caller, and the token used if any") },
  },

  // Notifications
  {
    method: "get",
    path: "/api/inbox",
    operationId: "listInbox",
    summary: "Your notifications",
    description:
      "What happened to requests you watch (yours, those assigned to you, those you watch or were @mentioned on), newest first, never your own actions; with how many are unread. Page with `before` (the last id you got).",
    tag: "Notifications",
    access: "user",
    params: { query: inboxQuerySchema },
    responses: { 200: json(inboxResponseSchema, "Notifications and the unread count") },
  },
  {
    method: "post",
    path: "/api/inbox/read",
    operationId: "markInboxRead",
    summary: "Mark notifications read",
    description: "Only your own: ids of someone else's notifications change nothing.",
    tag: "Notifications",
    access: "user",
    jsonBody: MarkRead,
    responses: { 200: json(unreadCountSchema, "How many stay unread") },
  },
  {
    method: "get",
    path: "/api/me/notifications",
    operationId: "getNotificationSettings",
    summary: "Your mail choices",
    description: "Mail on or off per kind of notification (on unless turned off). The inbox always gets everything.",
    tag: "Notifications",
    access: "user",
    responses: { 200: json(notificationSettingsSchema, "Your choices") },
  },
  {
    method: "put",
    path: "/api/me/notifications",
    operationId: "updateNotificationSettings",
    summary: "Turn kinds of mail on or off",
    tag: "Notifications",
    access: "user",
    jsonBody: UpdateNotificationSettings,
    responses: { 200: json(notificationSettingsSchema, "Your choices now") },
  },
  // Watching: the same path, parameters and answer; what differs is listed once each.
  ...(
    [
      [
        "get",
        "getWatching",
        "Do you watch this request?",
        "Its requester and assignee watch it unless they pressed Unwatch; anyone else once they press Watch or are @mentioned in a comment.",
        "Whether you watch it",
      ],
      ["put", "watchRequest", "Watch a request", "Your inbox (and mail, per your settings) hears of its every change from now on.", "You watch it"],
      [
        "delete",
        "unwatchRequest",
        "Stop watching a request",
        "Also for its requester or assignee. A later @mention makes you a watcher again.",
        "You no longer watch it",
      ],
    ] as const
  ).map(([method, operationId, summary, description, answer]): EndpointSpec => ({
    method,
    path: "/api/requests/{number}/watch",
    operationId,
    summary,
    description,
    tag: "Notifications",
    access: "user",
    params: { path: requestNumberParam },
    responses: { 200: json(watchStateSchema, answer) },
    errors: { 404: NO_SUCH_REQUEST },
  })),

  // Tokens
  {
    method: "get",
    path: "/api/tokens",
    operationId: "listTokens",
    summary: "List your API tokens",
    description: "Tokens that still work, newest first. Their values are never shown again.",
    tag: "Tokens",
    access: "session",
    responses: { 200: json(tokenListResponseSchema, "Your tokens") },
  },
  {
    method: "post",
    path: "/api/tokens",
    operationId: "createToken",
    summary: "Create an API token",
    description:
      "The response holds the token: copy it now, only its hash is stored. Send it as `Authorization: Bearer <token>`; it acts as you, with your current role.",
    tag: "Tokens",
    access: "session",
    jsonBody: NewToken,
    responses: { 201: json(createdTokenSchema, "The new token, shown this once") },
    // Expiry and read-only: createTokenBodySchema. An expired token answers 401 saying so.
    errors: { 409: "You have the most tokens one person may keep; revoke one first (CONFLICT)." },
  },
  {
    method: "delete",
    path: "/api/tokens/{id}",
    operationId: "revokeToken",
    summary: "Revoke an API token",
    description: "The token stops working at once.",
    tag: "Tokens",
    access: "session",
    params: { path: tokenIdParam },
    responses: { 204: { description: "Revoked" } },
    errors: { 404: "None of your working tokens has this id (NOT_FOUND)." },
  },

  // Saved views of the queue
  {
    method: "get",
    path: "/api/views",
    operationId: "listSavedViews",
    summary: "List your saved queue views",
    description: "Yours only, by name. Open one as `/requests?<query>` (or list it with `GET /api/requests?<query>`).",
    tag: "Views",
    access: "user",
    responses: { 200: json(viewListResponseSchema, "Your views") },
  },
  {
    method: "post",
    path: "/api/views",
    operationId: "saveView",
    summary: "Save a queue view under a name",
    description: `\`query\` is read as \`GET /api/requests\` reads its parameters: a view the queue would refuse is refused (400, \`query.<param>\` in \`details\`). At most ${MAX_SAVED_VIEWS} views a person.`,
    tag: "Views",
    access: "user",
    jsonBody: NewView,
    responses: { 201: json(savedViewSchema, "The saved view, its query normalized") },
    errors: { 409: `You already have a view with this name (CONFLICT, \`details[0].path\` name), or ${MAX_SAVED_VIEWS} views already (CONFLICT).` },
  },
  {
    method: "delete",
    path: "/api/views/{id}",
    operationId: "deleteSavedView",
    summary: "Delete one of your saved views",
    tag: "Views",
    access: "user",
    params: { path: viewIdParam },
    responses: { 204: { description: "Deleted" } },
    errors: { 404: "None of your views has this id (NOT_FOUND); someone else's view answers the same." },
  },

  // Webhooks
  {
    method: "get",
    path: "/api/webhooks",
    operationId: "listWebhooks",
    summary: "List webhook endpoints",
    description: "Oldest first. Their secrets are never shown again.",
    tag: "Webhooks",
    access: "admin",
    responses: { 200: json(webhookListResponseSchema, "The endpoints") },
  },
  {
    method: "post",
    path: "/api/webhooks",
    operationId: "createWebhook",
    summary: "Register a webhook endpoint",
    description:
      'Each event of a chosen type is POSTed to the URL as JSON `{ id, type, createdAt, request }` (`request` as `GET /api/requests/{number}` returns it) with the headers `KVStore-Event`, `KVStore-Delivery` (the idempotency key: the same for every retry) and `KVStore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`. Anything but a 2xx within 10 s is retried with exponential backoff for 24 h; deliveries of one request reach one endpoint in order. The URL must be https and its host must resolve to public addresses only (checked again at every delivery), unless the server runs with `WEBHOOK_ALLOW_PRIVATE=1`. The response holds the secret: copy it now.',
    tag: "Webhooks",
    access: "admin",
    jsonBody: NewWebhook,
    responses: { 201: json(createdWebhookSchema, "The new endpoint, with its secret shown this once") },
    errors: {
      400: "Invalid input, or a URL that cannot be used (not https, does not resolve, or points at a loopback, link-local or private address): VALIDATION_FAILED with a detail on `url`.",
      409: "There are as many webhooks as allowed; delete one first (CONFLICT).",
    },
  },
  {
    method: "delete",
    path: "/api/webhooks/{id}",
    operationId: "deleteWebhook",
    summary: "Delete a webhook endpoint",
    description: "No more deliveries go to it; those still pending are given up.",
    tag: "Webhooks",
    access: "admin",
    params: { path: webhookIdParam },
    responses: { 204: { description: "Deleted" } },
    errors: { 404: NO_SUCH_WEBHOOK },
  },
  {
    method: "get",
    path: "/api/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    summary: "List an endpoint's deliveries",
    description: "The latest 50, newest first, each with its latest attempt: the status code the endpoint answered and when, or why there was no answer.",
    tag: "Webhooks",
    access: "admin",
    params: { path: webhookIdParam },
    responses: { 200: json(webhookDeliveryListResponseSchema, "The deliveries") },
    errors: { 404: NO_SUCH_WEBHOOK },
  },
  {
    method: "post",
    path: "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    operationId: "redeliverWebhook",
    summary: "Deliver one delivery again",
    description:
      "The same body and the same `KVStore-Delivery` (a receiver that handled it already can tell), a fresh signature. A delivered or given-up delivery gets a fresh 24 h of retries; a pending one is attempted now instead of at its next retry.",
    tag: "Webhooks",
    access: "admin",
    params: { path: deliveryParams },
    responses: { 202: json(webhookDeliverySchema, "Queued: the delivery as it is now") },
    errors: { 404: "No such webhook, or no such delivery of it (NOT_FOUND).", 409: "An attempt is under way right now (CONFLICT)." },
  },

  // Sign-in (better-auth)
  {
    method: "post",
    path: "/api/auth/sign-in/email",
    operationId: "signIn",
    summary: "Sign in with email and password",
    description:
      "Sets the session cookie (`better-auth.session_token`). Send an `Origin` header of this site. Served by better-auth, so its errors have better-auth's shape; tools should use API tokens instead.",
    tag: "Account",
    access: "public",
    body: { required: true, content: { "application/json": { schema: signInBody } } },
    responses: { 200: { ...json(signInResponse, "Signed in"), headers: z.object({ "Set-Cookie": z.string() }) } },
    errors: { 400: "Malformed body.", 401: "Wrong email or password.", 403: "The Origin is not trusted.", 429: "Too many sign-in attempts; wait a minute." },
    errorSchema: betterAuthError,
  },
  {
    method: "post",
    path: "/api/auth/sign-out",
    operationId: "signOut",
    summary: "Sign out",
    description: "Ends the session of the cookie sent. Served by better-auth.",
    tag: "Account",
    access: "public",
    responses: { 200: json(z.object({ success: z.boolean() }), "Signed out") },
    errorSchema: betterAuthError,
  },

  // Events
  {
    method: "get",
    path: "/api/events",
    operationId: "streamEvents",
    summary: "Changes to requests, as server-sent events",
    description:
      "A text/event-stream shared by every instance of the app. `request.changed`: `data` is a RequestChangedEvent as JSON; refetch the request (or the list). `inbox.changed`: your inbox changed. Every message has an `id`; to resume, send the last one as the `Last-Event-ID` header (EventSource does on reconnect) or as `lastEventId` (the header wins), and get every event after it, then live ones. `resync` (`data: {}`): that id is no longer known (older than the last 2,000 events or 10 minutes, or events were lost); refetch everything you show.",
    tag: "Events",
    access: "user",
    params: { query: eventsQuerySchema },
    responses: {
      200: {
        description: "An open event stream",
        content: {
          "text/event-stream": { schema: z.string().describe("id: <id>\\nevent: request.changed\\ndata: <RequestChangedEvent JSON>\\n\\n per message") },
        },
      },
    },
  },

  // Probes
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    summary: "Liveness: 200 while the process runs, with the build's version",
    tag: "Health",
    access: "public",
    responses: { 200: json(healthResponseSchema, "Alive") },
  },
  {
    method: "get",
    path: "/api/ready",
    operationId: "ready",
    summary: "Readiness: 200 only when the database answers",
    tag: "Health",
    access: "public",
    responses: { 200: json(status("ready"), "Ready") },
    errors: { 503: "The database is not answering (SERVICE_UNAVAILABLE)." },
  },

  // Metrics
  {
    method: "get",
    path: "/api/metrics",
    operationId: "metrics",
    summary: "Prometheus metrics",
    description:
      "The Prometheus text format (prom-client): request durations by route pattern, method and status; open and stale requests by status (counted in the database at scrape time); open live-update streams; database errors and 503s; the process's own figures. Only with `Authorization: Bearer <METRICS_TOKEN>`; off (404) when the server has no METRICS_TOKEN.",
    tag: "Health",
    access: "metrics",
    responses: { 200: { description: "The metrics", content: { "text/plain": { schema: z.string().describe("Prometheus text exposition format 0.0.4") } } } },
    errors: {
      404: "The server has no METRICS_TOKEN: metrics are off (NOT_FOUND).",
    },
  },

  // This documentation
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openApiDocument",
    summary: "This OpenAPI 3.1 document",
    description: "Generated from the zod schemas the routes use. Public: it describes the API and holds no data.",
    tag: "Documentation",
    access: "public",
    responses: { 200: json(z.looseObject({ openapi: z.string() }), "The document") },
  },
  {
    method: "get",
    path: "/api/docs",
    operationId: "apiReference",
    summary: "The API reference page (Swagger UI)",
    description: "HTML that renders this document. Its scripts and styles come from this server (the swagger-ui-dist package), never from a CDN.",
    tag: "Documentation",
    access: "public",
    responses: { 200: { description: "An HTML page", content: { "text/html": { schema: z.string() } } } },
  },
  {
    method: "get",
    path: "/api/docs/{asset}",
    operationId: "apiReferenceAsset",
    summary: "A script, style sheet or icon of the reference page",
    tag: "Documentation",
    access: "public",
    params: { path: z.object({ asset: z.enum(Object.keys(DOC_ASSETS) as [string, ...string[]]) }) },
    responses: {
      200: {
        description: "The file",
        content: {
          "text/javascript": { schema: z.string() },
          "text/css": { schema: z.string() },
          "image/png": { schema: z.string().meta({ format: "binary" }) },
        },
      },
    },
    errors: { 404: "Not one of the page's files (NOT_FOUND)." },
  },
];
