import "server-only";
import { ApiError } from "@/lib/api/errors";
import { DATASET_NAME_PATTERN } from "@/lib/schemas/request";
import type { DatasetDetail } from "@/lib/schemas/dataset";
import { CLOSED_STATUSES, formatRequestNumber, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";
import { toDatasetMetadata, toDatasetSummary } from "@/lib/data/datasets/dataset-dto";
import { readDatabase } from "@/lib/db/sql/database";
import { count, row as readRow, rows as readRows, type Read } from "@/lib/db/sql/reads";
import { storedDate, storedDateOrNull } from "@/lib/data/requests/request-row";

type DatasetRow = Parameters<typeof toDatasetSummary>[0] & { estimatedKeyCountText: string };
type ChangeRow = Record<string, unknown> & { id: number; field: string; oldValue: string | null; newValue: string | null; requestNumber: number | null };
type RequestRow = { number: number; requestType: string; status: string; createdAt: unknown; updatedAt: unknown; id: string; name: string; email: string };

// The dataset row with its key count as text (a count may exceed a double; request-row.ts).
const DATASET = `SELECT "Dataset".*, CAST("estimatedKeyCount" AS TEXT) AS "estimatedKeyCountText" FROM "Dataset"`;
const iso = (value: unknown) => storedDate(value).toISOString();

/**
 * The live dataset of this name, else its latest decommissioned one; null when the name
 * never was a dataset. Plain SQL as one read (lib/db/sql), not Prisma: the request and
 * dataset pages call it on every render, and Prisma compiled its five queries each time.
 */
export async function findDataset(name: string): Promise<DatasetDetail | null> {
  return readDatabase(() => datasetRead(name));
}

/** The read itself: also what the bench's bare server runs (scripts/bench/bare-queries.ts). */
export function* datasetRead(name: string): Read<DatasetDetail | null> {
  if (!DATASET_NAME_PATTERN.test(name)) return null;
  const row =
    (yield* readRow<DatasetRow>(`${DATASET} WHERE "liveName" = ?`, [name])) ??
    (yield* readRow<DatasetRow>(`${DATASET} WHERE "name" = ? ORDER BY "id" DESC LIMIT 1`, [name]));
  if (!row) return null;
  const changes = yield* readRows<ChangeRow>(
    `SELECT "c".*, "u"."name" AS "actorName", "u"."email" AS "actorEmail"
     FROM "DatasetChange" AS "c" JOIN "user" AS "u" ON "u"."id" = "c"."actorId"
     WHERE "c"."datasetId" = ? ORDER BY "c"."createdAt" DESC, "c"."id" DESC`,
    [row.id],
  );
  const decommissioning = yield* count(`SELECT COUNT(*) FROM "DatasetRequest" WHERE "openAmendment" = ?`, [`DECOMMISSION:${name}`]);
  // Its requests: from its origin on, up to the one that decommissioned it (a later
  // dataset of the same name has its own).
  const end = changes.find((c) => c.field === "status" && c.newValue === "DECOMMISSIONED")?.requestNumber;
  const requests = yield* readRows<RequestRow>(
    `SELECT "r"."number", "r"."requestType", "r"."status", "r"."createdAt", "r"."updatedAt", "u"."id", "u"."name", "u"."email"
     FROM "DatasetRequest" AS "r" JOIN "user" AS "u" ON "u"."id" = "r"."requesterId"
     WHERE "r"."datasetName" = ? AND "r"."number" >= ?${end ? ` AND "r"."number" <= ?` : ""}
     ORDER BY "r"."number" DESC`,
    end ? [name, row.originRequestNumber, end] : [name, row.originRequestNumber],
  );
  const isOpen = (s: string) => !CLOSED_STATUSES.includes(s as RequestStatus);
  requests.sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)));
  return {
    ...toDatasetSummary(row, row.status === "LIVE" && decommissioning > 0),
    ...toDatasetMetadata({ ...row, estimatedKeyCount: row.estimatedKeyCountText }),
    originRequest: formatRequestNumber(row.originRequestNumber),
    requestType: row.requestType as RequestType,
    sourceSystem: row.sourceSystem as DatasetDetail["sourceSystem"],
    cluster: row.cluster,
    namespace: row.namespace,
    endpoint: row.endpoint,
    peakQps: row.peakQps,
    provisionedAt: storedDateOrNull(row.provisionedAt)?.toISOString() ?? null,
    onCall: row.onCall,
    runbookUrl: row.runbookUrl,
    dashboardUrl: row.dashboardUrl,
    decommissionedAt: storedDateOrNull(row.decommissionedAt)?.toISOString() ?? null,
    history: changes.map((c) => ({
      id: c.id,
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      request: c.requestNumber === null ? null : formatRequestNumber(c.requestNumber),
      actor: { id: c.actorId as string, name: c.actorName as string, email: c.actorEmail as string },
      createdAt: iso(c.createdAt),
    })),
    requests: requests.map((r) => ({
      number: formatRequestNumber(r.number),
      requestType: r.requestType as RequestType,
      status: r.status as RequestStatus,
      requester: { id: r.id, name: r.name, email: r.email },
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    })),
  };
}

/** GET /api/datasets/{name}: 404 for a name that never was a dataset. */
export async function getDataset(name: string): Promise<DatasetDetail> {
  const found = await findDataset(name);
  if (!found) throw ApiError.notFound(`A dataset named ${name.slice(0, 63)}`);
  return found;
}
