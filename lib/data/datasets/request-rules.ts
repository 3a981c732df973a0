// The rules that tie requests to datasets, checked before a request is stored or its
// name or type edited. The unique columns liveDatasetName and openAmendment hold the
// same rules against races (lib/domain/datasets/options.ts nameClaims).
import "server-only";
import { ApiError } from "@/lib/api/errors";
import { readConnection } from "@/lib/db/sqlite-connections";
import { AMENDING_TYPES } from "@/lib/domain/datasets/options";
import { formatRequestNumber, LABELS, type RequestType } from "@/lib/domain/requests/options";

/**
 * NEW and MIGRATION: the name must not be a live dataset. CHANGE and DECOMMISSION: the
 * name must be a live dataset (400 on datasetName), with no other open request of the
 * same type for it (409 naming that request). `self`: the request being edited.
 */
export function checkDatasetRules(request: { requestType: RequestType; datasetName: string }, self?: number): void {
  const db = readConnection();
  const name = request.datasetName;
  const live = db.prepare(`SELECT 1 FROM "Dataset" WHERE "liveName" = ?`).get(name) !== undefined;
  if (!AMENDING_TYPES.includes(request.requestType)) {
    if (live) {
      throw new ApiError("DUPLICATE_DATASET_NAME", `Dataset "${name}" already exists: request a change to it, or choose another name.`, [
        { path: "datasetName", message: "This name is taken by a live dataset" },
      ]);
    }
    return;
  }
  const what = LABELS.requestType[request.requestType].toLowerCase();
  if (!live) {
    throw new ApiError("VALIDATION_FAILED", "Some fields are not valid.", [
      { path: "datasetName", message: `There is no live dataset named "${name}": a ${what} request names an existing dataset` },
    ]);
  }
  const open = db.prepare(`SELECT "number" FROM "DatasetRequest" WHERE "openAmendment" = ?`).pluck().get(`${request.requestType}:${name}`) as
    number | undefined;
  if (open !== undefined && open !== self) throw openAmendmentConflict(request.requestType, name, open);
}

export function openAmendmentConflict(requestType: RequestType, datasetName: string, open: number) {
  const what = LABELS.requestType[requestType].toLowerCase();
  return new ApiError(
    "CONFLICT",
    `${formatRequestNumber(open)} is already an open ${what} request for dataset "${datasetName}": one at a time, so add to that one or wait until it ends.`,
    [{ path: "datasetName", message: `${formatRequestNumber(open)} is already open for this dataset` }],
  );
}
