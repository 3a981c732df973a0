// What a dataset is made of, as data: its metadata (amended by completed CHANGE
// requests), its provisioned facts and its people and links (set by the storage team).
// Client-safe.
import { CLOSED_STATUSES, RELEASED_STATUSES, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";
import { AMENDING_TYPES } from "@/lib/domain/datasets/request-types";

/** DECOMMISSIONING is not stored: a live dataset with an open DECOMMISSION request. */
export const DATASET_STATUSES = ["LIVE", "DECOMMISSIONING", "DECOMMISSIONED"] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export const DATASET_STATUS_LABELS: Record<DatasetStatus, string> = { LIVE: "Live", DECOMMISSIONING: "Decommissioning", DECOMMISSIONED: "Decommissioned" };

/** The request fields a dataset keeps and a completed CHANGE request may amend. */
export const DATASET_METADATA_FIELDS = [
  "ownerTeam",
  "contactEmail",
  "useCase",
  "keyFormat",
  "keyExample",
  "valueFormat",
  "valueSchema",
  "ingestion",
  "sourceLocation",
  "updateFrequency",
  "estimatedSizeGb",
  "estimatedKeyCount",
  "readQps",
  "writeQps",
  "p99LatencyMs",
  "ttlDays",
  "regions",
  "dataClassification",
  "backupsEnabled",
  "backupRetentionDays",
] as const;
export type DatasetMetadataField = (typeof DATASET_METADATA_FIELDS)[number];

/** Set by admins on the dataset page or by their tooling (PATCH /api/datasets/{name}). */
export const DATASET_FACT_LABELS = {
  cluster: "Cluster",
  namespace: "Keyspace or namespace",
  endpoint: "Endpoint",
  actualSizeGb: "Actual size (GB)",
  peakQps: "Peak QPS measured",
  provisionedAt: "Created at",
  onCall: "On-call",
  runbookUrl: "Runbook",
  dashboardUrl: "Dashboard",
} as const;
export type DatasetFactField = keyof typeof DATASET_FACT_LABELS;
export const DATASET_FACT_FIELDS = Object.keys(DATASET_FACT_LABELS) as DatasetFactField[];

/**
 * The unique name columns a request holds in this status. A NEW or MIGRATION request
 * holds the dataset name (liveDatasetName) while it is not rejected or cancelled, so
 * after it completes it keeps the name for its dataset until a decommission frees it. A
 * CHANGE or DECOMMISSION request holds its dataset's slot for one open request of its
 * type (openAmendment) until it ends.
 */
export function nameClaims(requestType: RequestType, datasetName: string, status: RequestStatus) {
  if (AMENDING_TYPES.includes(requestType)) {
    return { liveDatasetName: null, openAmendment: CLOSED_STATUSES.includes(status) ? null : `${requestType}:${datasetName}` };
  }
  return { liveDatasetName: RELEASED_STATUSES.includes(status) ? null : datasetName, openAmendment: null };
}
