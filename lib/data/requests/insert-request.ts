// The SQL of a new request, written once for both databases: its row (SUBMITTED), its
// CREATED event and its request.created outbox event. Three callers run the very same
// statements: the create's group commit (create-request.ts, through the seam), the bulk
// import (bulk-insert-worker.ts: a worker thread on SQLite, a pooled client on
// PostgreSQL) and the benchmark's bare-limit server.
// Values are stored as Prisma stores them, so Prisma reads these rows back unchanged
// (dialect.ts: SQLite's DateTime text and 0/1, PostgreSQL's timestamptz and boolean).
import { randomUUID } from "node:crypto";
import { PRIORITY_RANK, STATUS_RANK } from "@/lib/domain/requests/options";
import type { CreateRequestBody } from "@/lib/schemas/request";
import { DATASET_METADATA_FIELDS, nameClaims } from "@/lib/domain/datasets/options";
import { EVENT_CHANNEL, EVENT_ORDER_PREFIX } from "@/lib/outbox/events";
import { row, run, type Read } from "@/lib/db/sql/reads";
import type { Dialect } from "@/lib/db/sql/dialect";

const COLUMNS = [
  "datasetName",
  "liveDatasetName",
  "openAmendment",
  "requestType",
  "sourceSystem",
  // The metadata a dataset keeps, in the form's order.
  ...DATASET_METADATA_FIELDS,
  "neededBy",
  "priority",
  "priorityRank",
  "status",
  "statusRank",
  "requesterId",
  "statusChangedAt",
  "createdAt",
  "updatedAt",
] as const;
const DATE_COLUMNS = new Set<string>(["statusChangedAt", "createdAt", "updatedAt"]);

/** A new request, before either database's encoding (newRequestParams). */
export type NewRequestValues = Record<(typeof COLUMNS)[number], unknown> & { createdAt: Date; requesterId: string; deliveryId: string };

/** The row of a new, SUBMITTED request. */
export function newRequestValues(requesterId: string, body: CreateRequestBody, now: Date): NewRequestValues {
  return {
    ...Object.fromEntries(COLUMNS.map((c) => [c, (body as Record<string, unknown>)[c] ?? null])),
    estimatedKeyCount: BigInt(body.estimatedKeyCount),
    backupsEnabled: body.backupsEnabled,
    regions: body.regions.join(","),
    ...nameClaims(body.requestType, body.datasetName, "SUBMITTED"),
    priorityRank: PRIORITY_RANK[body.priority],
    status: "SUBMITTED",
    statusRank: STATUS_RANK.SUBMITTED,
    statusChangedAt: now,
    createdAt: now,
    updatedAt: now,
    requesterId,
    // Its outbox row's idempotency key, as outboxEventRow (lib/outbox/enqueue.ts) makes them.
    deliveryId: `evt_${randomUUID()}`,
  } as NewRequestValues;
}

/**
 * The statements of a new request. `request` returns its number; each of `then` takes
 * that number as its first parameter, followed by the row's own (NewRequestParams.then).
 */
export const NEW_REQUEST_SQL = {
  request: `INSERT INTO "DatasetRequest" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")}) RETURNING "number"`,
  then: [
    `INSERT INTO "RequestEvent" ("requestNumber", "actorId", "kind", "toStatus", "createdAt") VALUES (?, ?, 'CREATED', 'SUBMITTED', ?)`,
    // Its request.created domain event, the payload outboxEventRow would write (its keys in
    // the same order), put together around the number. The number is cast: better-sqlite3
    // binds a JS number as REAL, and "event:" || 1.0 is not "event:1".
    `WITH "created" AS (SELECT CAST(? AS INTEGER) AS "n")
     INSERT INTO "OutboxItem" ("channel", "deliveryId", "requestNumber", "orderKey", "payload", "availableAt", "createdAt")
     SELECT '${EVENT_CHANNEL}', ?, "n", '${EVENT_ORDER_PREFIX}' || "n", '{"type":"request.created","requestNumber":' || "n" || ',"actorId":' || ? || ',"at":' || ? || '}', ?, ? FROM "created"`,
  ],
} as const;

/** A new request's parameters in one database's encoding: for `request`, and for each of `then` after the number. */
export type NewRequestParams = { request: unknown[]; then: unknown[][] };

export function newRequestParams(values: NewRequestValues, dialect: Dialect): NewRequestParams {
  const at = dialect.dateParam(values.createdAt);
  const encode = (c: string) => {
    const v = values[c as keyof NewRequestValues];
    if (DATE_COLUMNS.has(c)) return dialect.dateParam(v as Date);
    return typeof v === "boolean" ? dialect.boolParam(v) : v;
  };
  return {
    request: COLUMNS.map(encode),
    then: [
      [values.requesterId, at],
      [values.deliveryId, JSON.stringify(values.requesterId), JSON.stringify(values.createdAt.toISOString()), at, at],
    ],
  };
}

/**
 * Inserts one new request with its CREATED event and outbox event; its number. The
 * caller owns the transaction. A live request of the same name fails with the
 * database's unique violation (see isUniqueViolation).
 */
export function* insertNewRequest(params: NewRequestParams): Read<number> {
  const inserted = yield* row<{ number: number }>(NEW_REQUEST_SQL.request, params.request);
  const number = Number(inserted!.number);
  for (const [i, sql] of NEW_REQUEST_SQL.then.entries()) yield* run(sql, [number, ...params.then[i]!]);
  return number;
}
