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
    const { number } = await db.datasetRequest.create({
      data: {
        ...newRequestRow(user, body, now),
        events: { create: { kind: "CREATED", actorId: user.id, toStatus: "SUBMITTED", createdAt: now } },
      },
      select: { number: true },
    });
    // The answer is read back on the read connection (it sees the commit): Prisma's
    // include ran four more compiled queries inside the write transaction.
    const created = readDetailByNumber(readConnection(), number)!;
    publishRequestChanged(created.number, created.version);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(body.datasetName);
    throw error;
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
