// The rules that tie requests to datasets, checked before a request is stored or its
// name or type edited. The unique columns liveDatasetName and openAmendment hold the
// same rules against races (lib/domain/datasets/options.ts nameClaims).
import "server-only";
import { ApiError } from "@/lib/api/errors";
import { readDatabase } from "@/lib/db/sql/database";
import { row, type Read } from "@/lib/db/sql/reads";
import { AMENDING_TYPES } from "@/lib/domain/datasets/request-types";
import { formatRequestNumber, LABELS, type RequestType } from "@/lib/domain/requests/options";

/**
 * NEW and MIGRATION: the name must not be a live dataset. CHANGE and DECOMMISSION: the
 * name must be a live dataset (400 on datasetName), with no other open request of the
 * same type for it (409 naming that request). `self`: the request being edited.
 */
export function checkDatasetRules(request: DatasetClaim, self?: number): Promise<void> {
  return readDatabase(() => datasetRules(request, self));
}

type DatasetClaim = { requestType: RequestType; datasetName: string };

/** The same check as a read (lib/db/sql/reads.ts), to run many in one snapshot (the import). */
export function* datasetRules(request: DatasetClaim, self?: number): Read<void> {
  const name = request.datasetName;
  const live = (yield* row(`SELECT 1 FROM "Dataset" WHERE "liveName" = ?`, [name])) !== undefined;
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
  const open = yield* row<{ number: number }>(`SELECT "number" FROM "DatasetRequest" WHERE "openAmendment" = ?`, [`${request.requestType}:${name}`]);
  if (open !== undefined && open.number !== self) throw openAmendmentConflict(request.requestType, name, open.number);
}

export function openAmendmentConflict(requestType: RequestType, datasetName: string, open: number) {
  const what = LABELS.requestType[requestType].toLowerCase();
  return new ApiError(
    "CONFLICT",
    `${formatRequestNumber(open)} is already an open ${what} request for dataset "${datasetName}": one at a time, so add to that one or wait until it ends.`,
    [{ path: "datasetName", message: `${formatRequestNumber(open)} is already open for this dataset` }],
  );
}
