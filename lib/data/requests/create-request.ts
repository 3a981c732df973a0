import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { PRIORITY_RANK, STATUS_RANK } from "@/lib/domain/requests/options";
import type { CreateRequestBody, RequestDetail } from "@/lib/schemas/request";
import { detailInclude, toDetail } from "@/lib/data/requests/request-dto";
import { isUniqueViolation } from "@/lib/data/prisma-errors";
import { publishRequestChanged } from "@/lib/events/request-events";

/** Stores a validated request as SUBMITTED, with its first history event, atomically. */
export async function createRequest(user: SessionUser, body: CreateRequestBody): Promise<RequestDetail> {
  const now = new Date();
  try {
    const row = await db.datasetRequest.create({
      data: {
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
        events: { create: { kind: "CREATED", actorId: user.id, toStatus: "SUBMITTED", createdAt: now } },
      },
      include: detailInclude,
    });
    const created = toDetail(row);
    publishRequestChanged(created.number, created.version);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(body.datasetName);
    throw error;
  }
}

export function duplicateName(datasetName: string) {
  return new ApiError("DUPLICATE_DATASET_NAME", `A live request for dataset "${datasetName}" already exists.`, [
    { path: "datasetName", message: "This name is taken by a request that is not rejected or cancelled" },
  ]);
}
