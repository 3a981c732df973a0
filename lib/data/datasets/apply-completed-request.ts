// What a completed request does to its dataset, inside the transition's transaction:
// NEW and MIGRATION create it, CHANGE amends it (each changed field a history line),
// DECOMMISSION retires it and frees its name.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestDetail } from "@/lib/schemas/request";
import { DATASET_METADATA_FIELDS } from "@/lib/domain/datasets/options";
import { CREATING_TYPES } from "@/lib/domain/datasets/request-types";
import { fieldValueToString } from "@/lib/data/requests/field-values";

type Metadata = Pick<RequestDetail, (typeof DATASET_METADATA_FIELDS)[number]>;

/** The dataset columns of these metadata values, as stored. */
export function metadataColumns(values: Metadata) {
  const picked = Object.fromEntries(DATASET_METADATA_FIELDS.map((f) => [f, values[f]])) as Metadata;
  return { ...picked, estimatedKeyCount: BigInt(picked.estimatedKeyCount), regions: picked.regions.join(",") };
}

/** The metadata fields whose values differ between a dataset and a request, as the history stores them. */
export function metadataDiff(dataset: Metadata, request: Metadata) {
  return DATASET_METADATA_FIELDS.flatMap((field) => {
    const oldValue = fieldValueToString(dataset[field]);
    const newValue = fieldValueToString(request[field]);
    return oldValue === newValue ? [] : [{ field, oldValue, newValue }];
  });
}

export async function applyCompletedRequest(tx: Prisma.TransactionClient, request: RequestDetail, actorId: string, now: Date): Promise<void> {
  const requestNumber = Number(request.number.slice(3));
  const name = request.datasetName;
  const history = (datasetId: number, changes: { field: string; oldValue: string | null; newValue: string | null }[]) =>
    tx.datasetChange.createMany({ data: changes.map((c) => ({ ...c, datasetId, requestNumber, actorId, createdAt: now })) });

  if (CREATING_TYPES.includes(request.requestType)) {
    const created = await tx.dataset.create({
      data: {
        name,
        liveName: name,
        originRequestNumber: requestNumber,
        requestType: request.requestType,
        sourceSystem: request.sourceSystem,
        ...metadataColumns(request),
        createdAt: now,
        updatedAt: now,
      },
    });
    await history(created.id, [{ field: "status", oldValue: null, newValue: "LIVE" }]);
    return;
  }

  // A CHANGE or DECOMMISSION names a live dataset (request-rules.ts); one filed before
  // datasets existed may name none, and then has nothing to act on.
  const dataset = await tx.dataset.findUnique({ where: { liveName: name } });
  if (!dataset) return;
  if (request.requestType === "CHANGE") {
    const current = { ...dataset, estimatedKeyCount: dataset.estimatedKeyCount.toString(), regions: dataset.regions.split(",") } as unknown as Metadata;
    const changes = metadataDiff(current, request);
    if (changes.length === 0) return;
    const columns = metadataColumns(request);
    await tx.dataset.update({
      where: { id: dataset.id },
      data: { ...Object.fromEntries(changes.map((c) => [c.field, columns[c.field as keyof typeof columns]])), updatedAt: now },
    });
    await history(dataset.id, changes);
    return;
  }
  // DECOMMISSION: the page stays; the name is free for a new dataset.
  await tx.dataset.update({ where: { id: dataset.id }, data: { status: "DECOMMISSIONED", liveName: null, decommissionedAt: now, updatedAt: now } });
  await tx.datasetRequest.updateMany({ where: { liveDatasetName: name }, data: { liveDatasetName: null } });
  await history(dataset.id, [{ field: "status", oldValue: "LIVE", newValue: "DECOMMISSIONED" }]);
}
