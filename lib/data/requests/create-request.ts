import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import type { CreateRequestBody, RequestDetail } from "@/lib/schemas/request";
import { run, type Read } from "@/lib/db/sql/reads";
import type { Dialect } from "@/lib/db/sql/dialect";
import { insertNewRequests, newRequestParams, newRequestValues, type NewRequestValues } from "@/lib/data/requests/insert-request";
import { readDetailByNumber } from "@/lib/data/requests/detail-query";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { announcingWrite, requestChanged } from "@/lib/events/request-events";
import { insertRequestsInBulk } from "@/lib/db/bulk-insert-worker";
import { mapInSlices } from "@/lib/async/yield";
import { checkDatasetRules } from "@/lib/data/datasets/request-rules";
import { formatRequestNumber } from "@/lib/domain/requests/options";

/** Stores a validated request as SUBMITTED, with its first history event, atomically. */
export async function createRequest(user: SessionUser, body: CreateRequestBody): Promise<RequestDetail> {
  await checkDatasetRules(body);
  const now = new Date();
  try {
    const number = await commitInGroup(user, body, now);
    // The answer is read back on the read connection (it sees the commit): Prisma's
    // include ran four more compiled queries while holding the write lock.
    return (await readDetailByNumber(number))!;
  } catch (error) {
    // A race lost to another request: the rules, asked again, say which.
    if (isUniqueViolation(error)) throw (await checkDatasetRules(body), duplicateName(body.datasetName));
    throw error;
  }
}

// ---- group commit ---------------------------------------------------------------
// SQLite: synchronous=FULL syncs the WAL at every commit (issue #7: an acknowledged
// write survives power loss), ~4 ms here. One create per transaction made every create
// wait for its own sync, one after another. Creates that arrive within one turn of the
// event loop go together in one transaction instead: each in its own savepoint (a
// duplicate name undoes only its own rows), one sync for all. Each caller is answered
// only after that commit, so nothing is acknowledged before it is durable.
// The rows go in through prepared statements on the direct write connection: through
// Prisma's interactive transaction each create cost ~14 ms of CPU (BENCHMARKS.md).
// PostgreSQL runs the same group in one transaction on a pooled client (writeDatabase):
// savepoints are spelled alike there, and the group shares its commit's WAL flush too.

type PendingCreate = { values: NewRequestValues; resolve: (n: number) => void; reject: (e: unknown) => void };
/** Creates per transaction: bounds how long one commit holds the event loop. */
const GROUP_MAX = 256;
const waiting: PendingCreate[] = [];
let scheduled = false;

function commitInGroup(user: SessionUser, body: CreateRequestBody, now: Date): Promise<number> {
  return new Promise((resolve, reject) => {
    waiting.push({ values: newRequestValues(user.id, body, now), resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => void writeGroups());
    }
  });
}

async function writeGroups() {
  try {
    while (waiting.length) {
      let group: PendingCreate[] = [];
      try {
        const results = await announcingWrite(function* (dialect, announce) {
          // Taken once the transaction has begun: creates that arrived while it waited join.
          group = waiting.splice(0, GROUP_MAX);
          const results: Outcome[] = [];
          for (const c of group) results.push(yield* insertInSavepoint(dialect, c));
          // Only the creates whose savepoint held; a new request is at version 1.
          for (const r of results) if ("number" in r) announce(requestChanged(formatRequestNumber(r.number), 1));
          return results;
        });
        group.forEach((c, i) => {
          const r = results[i]!;
          if ("number" in r) c.resolve(r.number);
          else c.reject(r.error);
        });
      } catch (error) {
        // No lock, no database, or the commit itself failed: nobody's row was stored.
        (group.length ? group : waiting.splice(0)).forEach((c) => c.reject(error));
      }
    }
  } finally {
    scheduled = false;
  }
}

type Outcome = { number: number } | { error: unknown };

function* insertInSavepoint(dialect: Dialect, c: PendingCreate): Read<Outcome> {
  yield* run("SAVEPOINT create_request");
  try {
    const [number] = yield* insertNewRequests([newRequestParams(c.values, dialect)]);
    yield* run("RELEASE create_request");
    return { number: number! };
  } catch (error) {
    yield* run("ROLLBACK TO create_request");
    yield* run("RELEASE create_request");
    return { error };
  }
}

/**
 * Many validated requests at once (bulk import), each SUBMITTED with its CREATED event,
 * in one transaction (bulk-insert-worker.ts: on SQLite a worker thread, since 10,000
 * rows are ~1.5 s of SQLite work). Returns the new numbers by dataset name. A name that
 * is already live fails the whole batch with a unique violation.
 */
export async function createRequests(user: SessionUser, bodies: CreateRequestBody[]): Promise<Map<string, number>> {
  const now = new Date();
  const values = await mapInSlices(bodies, (body) => newRequestValues(user.id, body, now));
  const numbers = await insertRequestsInBulk(values);
  return new Map(bodies.map((body, i) => [body.datasetName, numbers[i]!]));
}

export function duplicateName(datasetName: string) {
  return new ApiError("DUPLICATE_DATASET_NAME", `A live request for dataset "${datasetName}" already exists.`, [
    { path: "datasetName", message: "This name is taken by a request that is not rejected or cancelled" },
  ]);
}
