// The SQL of a new request: its row (SUBMITTED) and its CREATED event and its outbox event, as prepared
// statements on a better-sqlite3 connection. The app runs them in its group commit
// (create-request.ts); the benchmark's bare-limit server runs the very same statements.
// Values are stored as Prisma stores them, so Prisma reads these rows back unchanged:
// DateTime as "…T…+00:00" text, Boolean as 0/1, BigInt as an integer.
import type Database from "better-sqlite3";
import { PRIORITY_RANK, STATUS_RANK } from "@/lib/domain/requests/options";
import type { CreateRequestBody } from "@/lib/schemas/request";
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";
import { DATASET_METADATA_FIELDS, nameClaims } from "@/lib/domain/datasets/options";
import { EVENT_CHANNEL, EVENT_ORDER_PREFIX } from "@/lib/outbox/events";

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
export type NewRequestValues = Record<(typeof COLUMNS)[number], unknown>;

/** The row of a new, SUBMITTED request. */
export function newRequestValues(requesterId: string, body: CreateRequestBody, now: Date): NewRequestValues {
  const at = sqliteDateTime(now);
  return {
    ...Object.fromEntries(COLUMNS.map((c) => [c, (body as Record<string, unknown>)[c] ?? null])),
    estimatedKeyCount: BigInt(body.estimatedKeyCount),
    backupsEnabled: body.backupsEnabled ? 1 : 0,
    regions: body.regions.join(","),
    ...nameClaims(body.requestType, body.datasetName, "SUBMITTED"),
    priorityRank: PRIORITY_RANK[body.priority],
    status: "SUBMITTED",
    statusRank: STATUS_RANK.SUBMITTED,
    statusChangedAt: at,
    createdAt: at,
    updatedAt: at,
    requesterId,
  } as NewRequestValues;
}

/** The statements of a new request: its row (named parameters, returns its number), then its CREATED event. */
export const INSERT_REQUEST_SQL = `INSERT INTO "DatasetRequest" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map((c) => `@${c}`).join(", ")}) RETURNING "number"`;
export const INSERT_CREATED_EVENT_SQL = `INSERT INTO "RequestEvent" ("requestNumber", "actorId", "kind", "toStatus", "createdAt") VALUES (?, ?, 'CREATED', 'SUBMITTED', ?)`;
/**
 * Its request.created domain event into the outbox (lib/outbox/enqueue.ts writes the same
 * row for the other changes), in plain SQL so the bulk import's worker thread runs it too. The
 * number is cast: better-sqlite3 binds a JS number as REAL, and "event:" || 1.0 is not "event:1".
 */
export const INSERT_CREATED_OUTBOX_SQL = `INSERT INTO "OutboxItem" ("channel", "deliveryId", "requestNumber", "orderKey", "payload", "availableAt", "createdAt") SELECT '${EVENT_CHANNEL}', 'evt_' || lower(hex(randomblob(16))), n, '${EVENT_ORDER_PREFIX}' || n, json_object('type', 'request.created', 'requestNumber', n, 'actorId', @actorId, 'at', @at), @at, @at FROM (SELECT CAST(@number AS INTEGER) AS n)`;

const prepared = new WeakMap<Database.Database, (values: NewRequestValues) => number>();

/**
 * Inserts one new request with its CREATED event and returns its number. The caller
 * owns the transaction. A live request of the same name fails with
 * SQLITE_CONSTRAINT_UNIQUE (see isUniqueViolation).
 */
export function insertNewRequest(db: Database.Database, values: NewRequestValues): number {
  let insert = prepared.get(db);
  if (!insert) {
    const row = db.prepare(INSERT_REQUEST_SQL);
    const event = db.prepare(INSERT_CREATED_EVENT_SQL);
    const outbox = db.prepare(INSERT_CREATED_OUTBOX_SQL);
    insert = (v) => {
      const { number } = row.get(v) as { number: number };
      event.run(number, v.requesterId, v.createdAt);
      outbox.run({ number, actorId: v.requesterId, at: v.createdAt });
      return number;
    };
    prepared.set(db, insert);
  }
  return insert(values);
}
