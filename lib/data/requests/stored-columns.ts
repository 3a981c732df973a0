// Every column of a DatasetRequest row that a bulk writer (the seed, tests' data sets)
// fills, in one order. No "server-only": the seed imports it.
import { DATASET_METADATA_FIELDS } from "@/lib/domain/datasets/options";

export const REQUEST_STORED_COLUMNS = [
  "number",
  "datasetName",
  "liveDatasetName",
  "openAmendment",
  "requestType",
  "sourceSystem",
  // The metadata a dataset keeps, in the form's order.
  ...DATASET_METADATA_FIELDS,
  "neededBy",
  "priority",
  "priorityRank",
  "status",
  "statusRank",
  "statusChangedAt",
  "requesterId",
  "assigneeId",
  "assigneeName",
  "checklist",
  "version",
  "createdAt",
  "updatedAt",
  "completedAt",
] as const;
