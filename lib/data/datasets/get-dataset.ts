import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { DATASET_NAME_PATTERN } from "@/lib/schemas/request";
import type { DatasetDetail } from "@/lib/schemas/dataset";
import { CLOSED_STATUSES, formatRequestNumber, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";
import { toDatasetMetadata, toDatasetSummary } from "@/lib/data/datasets/dataset-dto";

const userRef = { select: { id: true, name: true, email: true } } as const;

/** The live dataset of this name, else its latest decommissioned one; null when the name never was a dataset. */
export async function findDataset(name: string): Promise<DatasetDetail | null> {
  if (!DATASET_NAME_PATTERN.test(name)) return null;
  const row = (await db.dataset.findUnique({ where: { liveName: name } })) ?? (await db.dataset.findFirst({ where: { name }, orderBy: { id: "desc" } }));
  if (!row) return null;
  const [changes, decommissioning] = await Promise.all([
    db.datasetChange.findMany({ where: { datasetId: row.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: { actor: userRef } }),
    db.datasetRequest.count({ where: { openAmendment: `DECOMMISSION:${name}` } }),
  ]);
  // Its requests: from its origin on, up to the one that decommissioned it (a later
  // dataset of the same name has its own).
  const end = changes.find((c) => c.field === "status" && c.newValue === "DECOMMISSIONED")?.requestNumber;
  const requests = await db.datasetRequest.findMany({
    where: { datasetName: name, number: { gte: row.originRequestNumber, ...(end ? { lte: end } : {}) } },
    select: { number: true, requestType: true, status: true, requester: userRef, createdAt: true, updatedAt: true },
    orderBy: { number: "desc" },
  });
  const isOpen = (s: string) => !CLOSED_STATUSES.includes(s as RequestStatus);
  requests.sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)));
  return {
    ...toDatasetSummary(row, row.status === "LIVE" && decommissioning > 0),
    ...toDatasetMetadata(row),
    originRequest: formatRequestNumber(row.originRequestNumber),
    requestType: row.requestType as RequestType,
    sourceSystem: row.sourceSystem as DatasetDetail["sourceSystem"],
    cluster: row.cluster,
    namespace: row.namespace,
    endpoint: row.endpoint,
    peakQps: row.peakQps,
    provisionedAt: row.provisionedAt?.toISOString() ?? null,
    onCall: row.onCall,
    runbookUrl: row.runbookUrl,
    dashboardUrl: row.dashboardUrl,
    decommissionedAt: row.decommissionedAt?.toISOString() ?? null,
    history: changes.map((c) => ({
      id: c.id,
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      request: c.requestNumber === null ? null : formatRequestNumber(c.requestNumber),
      actor: c.actor,
      createdAt: c.createdAt.toISOString(),
    })),
    requests: requests.map((r) => ({
      number: formatRequestNumber(r.number),
      requestType: r.requestType as RequestType,
      status: r.status as RequestStatus,
      requester: r.requester,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/** GET /api/datasets/{name}: 404 for a name that never was a dataset. */
export async function getDataset(name: string): Promise<DatasetDetail> {
  const found = await findDataset(name);
  if (!found) throw ApiError.notFound(`A dataset named ${name.slice(0, 63)}`);
  return found;
}
