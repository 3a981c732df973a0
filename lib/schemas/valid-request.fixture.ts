// A complete, valid request for the schema's unit tests (tests/helpers/fixtures.ts has
// the database-backed one for the API tests).
import type { CreateRequestInput } from "@/lib/schemas/request";

export const validRequest: CreateRequestInput = {
  datasetName: "payments_ledger",
  requestType: "NEW",
  ownerTeam: "payments",
  contactEmail: "pay@example.com",
  useCase: "Serve balances to the checkout service.",
  keyFormat: "STRING",
  valueFormat: "JSON",
  ingestion: "ONLINE_WRITES",
  updateFrequency: "REALTIME",
  estimatedSizeGb: 10,
  estimatedKeyCount: 1000,
  readQps: 100,
  writeQps: 10,
  p99LatencyMs: 20,
  regions: ["us-east-1"],
  dataClassification: "INTERNAL",
  backupsEnabled: false,
};
