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
import { nameClaims } from "@/lib/domain/datasets/options";
import { REQUEST_STORED_COLUMNS } from "@/lib/data/requests/stored-columns";
import { EVENT_CHANNEL, EVENT_ORDER_PREFIX } from "@/lib/outbox/events";
import { rows, run, type Read } from "@/lib/db/sql/reads";
import type { Dialect } from "@/lib/db/sql/dialect";

/** What a new, SUBMITTED request stores: every stored column (stored-columns.ts) but those its number, triage and completion fill later. */
const SET_LATER = new Set(["number", "assigneeId", "assigneeName", "checklist", "version", "completedAt"] as const);
type Column = Exclude<(typeof REQUEST_STORED_COLUMNS)[number], typeof SET_LATER extends Set<infer T> ? T : never>;
const COLUMNS = REQUEST_STORED_COLUMNS.filter((c): c is Column => !SET_LATER.has(c as never));
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
 * One statement of a new request, for one row or many (multi-row VALUES: its tuple once
 * per row). `numberAt`: the places in a row's parameters that take the request's number
 * (newRequestParams leaves null there), known once the row is in.
 */
type Insert = { head: string; tuple: string; tail: string; numberAt: readonly number[] };

/** The row; returns its number. Then its CREATED event, then its request.created outbox event. */
const REQUEST: Insert = {
  head: `INSERT INTO "DatasetRequest" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES `,
  tuple: `(${COLUMNS.map(() => "?").join(", ")})`,
  tail: ` RETURNING "number"`,
  numberAt: [],
};
const FOLLOW_UPS: readonly Insert[] = [
  {
    head: `INSERT INTO "RequestEvent" ("requestNumber", "actorId", "kind", "toStatus", "createdAt") VALUES `,
    tuple: `(?, ?, 'CREATED', 'SUBMITTED', ?)`,
    tail: "",
    numberAt: [0],
  },
  {
    // The payload outboxEventRow (lib/outbox/enqueue.ts) would write, keys in its order,
    // put together around the number. The number is cast: better-sqlite3 binds a JS
    // number as REAL, and "event:" || 1.0 is not "event:1".
    head: `INSERT INTO "OutboxItem" ("channel", "deliveryId", "requestNumber", "orderKey", "payload", "availableAt", "createdAt") VALUES `,
    tuple: `('${EVENT_CHANNEL}', ?, CAST(? AS INTEGER), '${EVENT_ORDER_PREFIX}' || CAST(? AS INTEGER), '{"type":"request.created","requestNumber":' || CAST(? AS INTEGER) || ',"actorId":' || ? || ',"at":' || ? || '}', ?, ?)`,
    tail: "",
    numberAt: [1, 2, 3],
  },
];

const rowsOf = (insert: Insert, count: number) => `${insert.head}${Array(count).fill(insert.tuple).join(", ")}${insert.tail}`;

/** The statements for one request (the SQLite bulk worker runs these, row by row). */
export const NEW_REQUEST_SQL = {
  request: rowsOf(REQUEST, 1),
  then: FOLLOW_UPS.map((f) => ({ sql: rowsOf(f, 1), numberAt: f.numberAt })),
};

/** A new request's parameters in one database's encoding: for REQUEST, and for each follow-up (null where its number goes). */
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
      [null, values.requesterId, at],
      [values.deliveryId, null, null, null, JSON.stringify(values.requesterId), JSON.stringify(values.createdAt.toISOString()), at, at],
    ],
  };
}

/** A follow-up's parameters with the request's number in its places. */
export function withNumber(params: readonly unknown[], numberAt: readonly number[], number: number): unknown[] {
  const filled = [...params];
  for (const i of numberAt) filled[i] = number;
  return filled;
}

/**
 * Inserts new requests, each with its CREATED event and outbox event, in as many
 * statements as there are kinds of row (multi-row VALUES); their numbers, in order. The
 * caller owns the transaction and keeps a batch within the database's parameter limit.
 * A live request of the same name fails with the database's unique violation (see
 * isUniqueViolation).
 */
export function* insertNewRequests(batch: readonly NewRequestParams[]): Read<number[]> {
  const inserted = yield* rows<{ number: number }>(
    rowsOf(REQUEST, batch.length),
    batch.flatMap((p) => p.request),
  );
  // Numbers are drawn in the order of the VALUES rows (RETURNING's own order is not promised).
  const numbers = inserted.map((r) => Number(r.number)).sort((a, b) => a - b);
  for (const [i, f] of FOLLOW_UPS.entries()) {
    yield* run(
      rowsOf(f, batch.length),
      batch.flatMap((p, j) => withNumber(p.then[i]!, f.numberAt, numbers[j]!)),
    );
  }
  return numbers;
}
