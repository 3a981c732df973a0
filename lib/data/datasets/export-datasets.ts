// The catalog's view (same filters and sort, every page) as a CSV or JSON file.
import "server-only";
import { stringify } from "csv-stringify/sync";
import type { DatasetSummary } from "@/lib/schemas/dataset";
import type { ExportFormat } from "@/lib/schemas/export";
import { allDatasets, type CatalogFilters } from "@/lib/data/datasets/list-datasets";

const CSV_COLUMNS = [
  "name",
  "status",
  "ownerTeam",
  "regions",
  "dataClassification",
  "keyFormat",
  "valueFormat",
  "estimatedSizeGb",
  "actualSizeGb",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof DatasetSummary)[];

// A cell a spreadsheet would run as a formula gets a leading apostrophe (as the queue's export).
const safeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function toCsvRecord(row: DatasetSummary): string[] {
  return CSV_COLUMNS.map((c) => {
    const value = c === "regions" ? row.regions.join(";") : row[c];
    return value === null ? "" : safeCell(String(value));
  });
}

export async function exportDatasets(query: CatalogFilters, format: ExportFormat): Promise<string> {
  const rows: DatasetSummary[] = [];
  for await (const page of allDatasets(query)) rows.push(...page);
  if (format === "json") return JSON.stringify(rows, null, 1) + "\n";
  return stringify(rows.map(toCsvRecord), { header: true, columns: [...CSV_COLUMNS] });
}
