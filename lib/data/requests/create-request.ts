import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { PRIORITY_RANK, STATUS_RANK } from "@/lib/domain/requests/options";
import type { CreateRequestBody, RequestDetail } from "@/lib/schemas/request";
import { readConnection } from "@/lib/db/read-connection";
import { readDetailByNumber } from "@/lib/data/requests/detail-query";
import { isUniqueViolation } from "@/lib/data/prisma-errors";
import { publishRequestChanged } from "@/lib/events/request-events";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The row of a new, SUBMITTED request. */
function newRequestRow(user: SessionUser, body: CreateRequestBody, now: Date) {
  return {
    ...body,
    estimatedKeyCount: BigInt(body.estimatedKeyCount),
    regions: body.regions.join(","),
    liveDatasetName: body.datasetName,
    priorityRank: PRIORITY_RANK[body.priority],
    status: "SUBMITTED",
    statusRank: STATUS_RANK.SUBMITTED,
    statusChangedAt: now,
    createdAt: now,
    updatedAt: now,
    requesterId: user.id,
  } satisfies Prisma.DatasetRequestUncheckedCreateInput;
}

/** Stores a validated request as SUBMITTED, with its first history event, atomically. */
export async function createRequest(user: SessionUser, body: CreateRequestBody): Promise<RequestDetail> {
  const now = new Date();
  try {
    const number = await commitInGroup(user, body, now);
    // The answer is read back on the read connection (it sees the commit): Prisma's
    // include ran four more compiled queries while holding the write lock.
    const created = readDetailByNumber(readConnection(), number)!;
    publishRequestChanged(created.number, created.version);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(body.datasetName);
    throw error;
  }
}

// ---- group commit ---------------------------------------------------------------
// synchronous=FULL syncs the WAL at every commit (issue #7: an acknowledged write
// survives power loss). One create per transaction made every create wait for its own
// sync, one after another (~4 ms each here, the bare server's limit too). Creates that
// arrive while a transaction is being written wait and then go together in the next
// one: each in its own savepoint (a duplicate name undoes only its own rows), one sync
// for all. Each caller is answered only after that commit, so nothing is acknowledged
// before it is durable.

type PendingCreate = { user: SessionUser; body: CreateRequestBody; now: Date; resolve: (n: number) => void; reject: (e: unknown) => void };
/** Creates per transaction: Prisma's interactive transactions time out after 5 s. */
const GROUP_MAX = 64;
let waiting: PendingCreate[] = [];
let writing = false;

function commitInGroup(user: SessionUser, body: CreateRequestBody, now: Date): Promise<number> {
  return new Promise((resolve, reject) => {
    waiting.push({ user, body, now, resolve, reject });
    if (!writing) void writeGroups();
  });
}

async function writeGroups() {
  writing = true;
  try {
    while (waiting.length) {
      const group = waiting.slice(0, GROUP_MAX);
      waiting = waiting.slice(GROUP_MAX);
      const results: ({ number: number } | { error: unknown })[] = [];
      try {
        await db.$transaction(async (tx) => {
          for (const c of group) {
            await tx.$executeRawUnsafe("SAVEPOINT create_request");
            try {
              const { number } = await tx.datasetRequest.create({
                data: {
                  ...newRequestRow(c.user, c.body, c.now),
                  events: { create: { kind: "CREATED", actorId: c.user.id, toStatus: "SUBMITTED", createdAt: c.now } },
                },
                select: { number: true },
              });
              await tx.$executeRawUnsafe("RELEASE create_request");
              results.push({ number });
            } catch (error) {
              await tx.$executeRawUnsafe("ROLLBACK TO create_request");
              await tx.$executeRawUnsafe("RELEASE create_request");
              results.push({ error });
            }
          }
        });
      } catch (error) {
        // The transaction itself failed (database outage): nobody's row was stored.
        group.forEach((c) => c.reject(error));
        continue;
      }
      group.forEach((c, i) => {
        const r = results[i]!;
        if ("number" in r) c.resolve(r.number);
        else c.reject(r.error);
      });
    }
  } finally {
    writing = false;
  }
}

/** Rows per INSERT: well under SQLite's limit of bound parameters per statement. */
const BATCH_ROWS = 200;

/**
 * Many validated requests at once (bulk import), each SUBMITTED with its CREATED event,
 * inside the caller's transaction. Returns the new numbers by dataset name. A name that
 * is already live fails the whole batch with a unique violation (P2002).
 */
export async function createRequests(tx: Prisma.TransactionClient, user: SessionUser, bodies: CreateRequestBody[]): Promise<Map<string, number>> {
  const now = new Date();
  const numbers = new Map<string, number>();
  for (let i = 0; i < bodies.length; i += BATCH_ROWS) {
    const created = await tx.datasetRequest.createManyAndReturn({
      data: bodies.slice(i, i + BATCH_ROWS).map((body) => newRequestRow(user, body, now)),
      select: { number: true, datasetName: true },
    });
    await tx.requestEvent.createMany({
      data: created.map((r) => ({ requestNumber: r.number, kind: "CREATED", actorId: user.id, toStatus: "SUBMITTED", createdAt: now })),
    });
    for (const r of created) numbers.set(r.datasetName, r.number);
  }
  return numbers;
}

export function duplicateName(datasetName: string) {
  return new ApiError("DUPLICATE_DATASET_NAME", `A live request for dataset "${datasetName}" already exists.`, [
    { path: "datasetName", message: "This name is taken by a request that is not rejected or cancelled" },
  ]);
}
