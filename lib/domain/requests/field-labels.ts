// Labels of the request fields, as the form, the dataset page, error messages and the
// history show them (PRODUCT.md's field table). Client-safe.

export const FIELD_LABELS = {
  datasetName: "Dataset name",
  requestType: "Request type",
  sourceSystem: "Source system",
  ownerTeam: "Owner team",
  contactEmail: "Contact email",
  useCase: "Use case",
  keyFormat: "Key format",
  keyExample: "Example key",
  valueFormat: "Value format",
  valueSchema: "Value schema",
  ingestion: "Ingestion",
  sourceLocation: "Source location",
  updateFrequency: "Update frequency",
  estimatedSizeGb: "Estimated size (GB)",
  estimatedKeyCount: "Estimated key count",
  readQps: "Peak read QPS",
  writeQps: "Peak write QPS",
  p99LatencyMs: "p99 latency target (ms)",
  ttlDays: "TTL (days)",
  regions: "Regions",
  dataClassification: "Data classification",
  backupsEnabled: "Backups",
  backupRetentionDays: "Backup retention (days)",
  neededBy: "Needed by",
  priority: "Priority",
} as const;

