// Dataset rows → the DTOs of lib/schemas/dataset.ts. Only these shapes leave the server.
import "server-only";
import type { Dataset } from "@/lib/generated/prisma/client";
import type { DatasetDetail, DatasetSummary } from "@/lib/schemas/dataset";
import { DATASET_METADATA_FIELDS } from "@/lib/domain/datasets/options";

/** A row as Prisma reads it, or as raw SQL does (dates as text, booleans as 0/1). */
type Row = Omit<Dataset, "createdAt" | "updatedAt" | "estimatedKeyCount" | "backupsEnabled"> & {
  createdAt: Date | string;
  updatedAt: Date | string;
  estimatedKeyCount: bigint | number | string;
  backupsEnabled: boolean | number;
};
const iso = (d: Date | string) => new Date(d).toISOString();

/** Status as people see it: a live dataset with an open DECOMMISSION request is decommissioning. */
export function datasetStatus(stored: string, decommissioning: boolean): DatasetSummary["status"] {
  if (stored === "DECOMMISSIONED") return "DECOMMISSIONED";
  return decommissioning ? "DECOMMISSIONING" : "LIVE";
}

export function toDatasetSummary(row: Row, decommissioning: boolean): DatasetSummary {
  return {
    name: row.name,
    status: datasetStatus(row.status, decommissioning),
    ownerTeam: row.ownerTeam,
    regions: row.regions.split(",").filter(Boolean) as DatasetSummary["regions"],
    dataClassification: row.dataClassification as DatasetSummary["dataClassification"],
    keyFormat: row.keyFormat as DatasetSummary["keyFormat"],
    valueFormat: row.valueFormat as DatasetSummary["valueFormat"],
    estimatedSizeGb: row.estimatedSizeGb,
    actualSizeGb: row.actualSizeGb,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The metadata columns as the request DTO has them (key count as digits, regions as a list). */
export function toDatasetMetadata(row: Row) {
  const picked = Object.fromEntries(DATASET_METADATA_FIELDS.map((f) => [f, row[f]]));
  return {
    ...picked,
    estimatedKeyCount: String(row.estimatedKeyCount),
    backupsEnabled: Boolean(row.backupsEnabled),
    regions: row.regions.split(",").filter(Boolean),
  } as Pick<DatasetDetail, (typeof DATASET_METADATA_FIELDS)[number]>;
}
