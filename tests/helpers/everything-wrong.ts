// The migration request with everything wrong that the form's tests submit (in jsdom and
// in Chromium): the 18 fields its first submit must list, by label.
export const EVERYTHING_WRONG_LABELS = [
  "Dataset name",
  "Source system",
  "Owner team",
  "Contact email",
  "Use case",
  "Key format",
  "Value schema",
  "Source location",
  "Update frequency",
  "Estimated size (GB)",
  "Estimated key count",
  "Peak read QPS",
  "Peak write QPS",
  "p99 latency target (ms)",
  "Regions",
  "Data classification",
  "Backup retention (days)",
  "Needed by",
];
