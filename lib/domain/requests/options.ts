// The closed lists of a dataset request, with the labels people see. Client-safe.

export const REQUEST_TYPES = ["NEW", "MIGRATION", "CHANGE", "DECOMMISSION"] as const;
export const SOURCE_SYSTEMS = ["TERRAPIN", "ROCKSTORE", "HBASE", "REDIS", "MEMCACHED", "MYSQL", "OTHER"] as const;
export const KEY_FORMATS = ["STRING", "INT64", "UUID", "BINARY", "COMPOSITE"] as const;
export const VALUE_FORMATS = ["STRING", "JSON", "THRIFT", "PROTOBUF", "BINARY"] as const;
export const INGESTION_MODES = ["BATCH", "STREAMING", "ONLINE_WRITES"] as const;
export const UPDATE_FREQUENCIES = ["ONCE", "HOURLY", "DAILY", "WEEKLY", "REALTIME"] as const;
export const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"] as const;
export const DATA_CLASSIFICATIONS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "PII"] as const;
export const PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;
export const REQUEST_STATUSES = ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO", "APPROVED", "PROVISIONING", "COMPLETED", "REJECTED", "CANCELLED"] as const;

/** The steps of a migration, ticked by admins as it proceeds. */
export const MIGRATION_CHECKLIST = ["DUAL_WRITES", "BACKFILL", "VERIFICATION", "CUT_OVER", "LEGACY_DECOMMISSION"] as const;
export type ChecklistItem = (typeof MIGRATION_CHECKLIST)[number];

export type RequestType = (typeof REQUEST_TYPES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const LABELS = {
  requestType: { NEW: "New dataset", MIGRATION: "Migration", CHANGE: "Change", DECOMMISSION: "Decommission" },
  sourceSystem: {
    TERRAPIN: "Terrapin",
    ROCKSTORE: "Rockstore",
    HBASE: "HBase",
    REDIS: "Redis",
    MEMCACHED: "Memcached",
    MYSQL: "MySQL",
    OTHER: "Other",
  },
  keyFormat: { STRING: "String", INT64: "Int64", UUID: "UUID", BINARY: "Binary", COMPOSITE: "Composite" },
  valueFormat: { STRING: "String", JSON: "JSON", THRIFT: "Thrift", PROTOBUF: "Protobuf", BINARY: "Binary" },
  ingestion: { BATCH: "Batch upload", STREAMING: "Streaming", ONLINE_WRITES: "Online writes" },
  updateFrequency: { ONCE: "Once", HOURLY: "Hourly", DAILY: "Daily", WEEKLY: "Weekly", REALTIME: "Real time" },
  dataClassification: { PUBLIC: "Public", INTERNAL: "Internal", CONFIDENTIAL: "Confidential", PII: "PII" },
  priority: { LOW: "Low", MEDIUM: "Medium", HIGH: "High", URGENT: "Urgent" },
  checklist: {
    DUAL_WRITES: "Dual writes",
    BACKFILL: "Backfill",
    VERIFICATION: "Verification",
    CUT_OVER: "Cut-over",
    LEGACY_DECOMMISSION: "Legacy decommission",
  },
  status: {
    SUBMITTED: "Submitted",
    IN_REVIEW: "In review",
    NEEDS_INFO: "Needs info",
    APPROVED: "Approved",
    PROVISIONING: "Provisioning",
    COMPLETED: "Completed",
    REJECTED: "Rejected",
    CANCELLED: "Cancelled",
  },
} as const satisfies Record<string, Record<string, string>>;

/** Sort keys: list order is the order people mean (workflow order, Low → Urgent). */
export const STATUS_RANK = Object.fromEntries(REQUEST_STATUSES.map((s, i) => [s, i])) as Record<RequestStatus, number>;
export const PRIORITY_RANK = Object.fromEntries(PRIORITIES.map((p, i) => [p, i])) as Record<Priority, number>;

/** Statuses in which a request no longer holds its dataset name. */
export const RELEASED_STATUSES: readonly RequestStatus[] = ["REJECTED", "CANCELLED"];
/** Statuses that need no more work. */
export const CLOSED_STATUSES: readonly RequestStatus[] = ["COMPLETED", "REJECTED", "CANCELLED"];
export const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

export function formatRequestNumber(n: number): string {
  return `KV-${n}`;
}

/** Accepts "KV-12", "kv-12" or "12"; returns null for anything else. */
export function parseRequestNumber(raw: string): number | null {
  const match = /^(?:KV-)?([1-9][0-9]{0,9})$/i.exec(raw.trim());
  if (!match?.[1]) return null;
  const n = Number(match[1]);
  return n <= 2_147_483_647 ? n : null;
}

/** The queue's sortable columns, by their API names. */
export const SORT_FIELDS = [
  "number",
  "datasetName",
  "requestType",
  "ownerTeam",
  "status",
  "priority",
  "assignee",
  "createdAt",
  "updatedAt",
  "statusChangedAt",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
