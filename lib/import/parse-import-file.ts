// An import file → one plain object per request, ready for createRequestBodySchema.
// CSV cells are text, so they are turned into the JSON types the schema reads: numbers,
// true/false, region lists separated by ";" or "|"; an empty cell means "not given".
import { parse } from "csv-parse/sync";
import { ApiError, type ErrorDetail } from "@/lib/api/errors";
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS, REQUIRED_IMPORT_COLUMNS, type ImportFormat } from "@/lib/schemas/import";

export type ImportRow = { row: number; input: unknown };

type CellKind = "text" | "number" | "boolean" | "list";

/** How each CSV column is read. Typed over every field, so a new field must be placed here. */
const CELL_KINDS: Record<(typeof IMPORT_COLUMNS)[number], CellKind> = {
  datasetName: "text",
  requestType: "text",
  sourceSystem: "text",
  ownerTeam: "text",
  contactEmail: "text",
  useCase: "text",
  keyFormat: "text",
  keyExample: "text",
  valueFormat: "text",
  valueSchema: "text",
  ingestion: "text",
  sourceLocation: "text",
  updateFrequency: "text",
  estimatedSizeGb: "number",
  // A digit string: key counts can pass 2^53, and the schema takes them as text.
  estimatedKeyCount: "text",
  readQps: "number",
  writeQps: "number",
  p99LatencyMs: "number",
  ttlDays: "number",
  regions: "list",
  dataClassification: "text",
  backupsEnabled: "boolean",
  backupRetentionDays: "number",
  neededBy: "text",
  priority: "text",
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const TRUE = new Set(["true", "yes", "y", "1", "on"]);
const FALSE = new Set(["false", "no", "n", "0", "off"]);

/** One CSV cell → the JSON value the schema expects; what cannot be read stays text so the schema names the problem. */
export function readCell(kind: CellKind, cell: string): unknown {
  const text = cell.trim();
  if (text === "") return undefined;
  switch (kind) {
    case "number":
      return NUMBER.test(text) ? Number(text) : text;
    case "boolean":
      return TRUE.has(text.toLowerCase()) ? true : FALSE.has(text.toLowerCase()) ? false : text;
    case "list":
      return text
        .split(/[;|]/)
        .map((v) => v.trim())
        .filter(Boolean);
    default:
      return cell;
  }
}

function tooManyRows(): never {
  throw new ApiError("PAYLOAD_TOO_LARGE", `The file holds more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} requests; split it into smaller files.`);
}

function parseCsv(text: string): ImportRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    const where = typeof (error as { lines?: unknown }).lines === "number" ? ` (line ${(error as { lines: number }).lines})` : "";
    throw new ApiError("BAD_REQUEST", `The CSV file cannot be read${where}: check its quotes and that every line has as many cells as the header.`);
  }
  const [header, ...rows] = records;
  if (!header) throw new ApiError("BAD_REQUEST", "The CSV file is empty; its first line must name the columns.");
  if (rows.length > IMPORT_MAX_ROWS) tooManyRows();

  const columns = header.map((h) => h.trim());
  const known = new Set<string>(IMPORT_COLUMNS);
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const c of columns) {
    if (!known.has(c)) problems.push({ path: `columns.${c}`, message: `Unknown column "${c}"` });
    else if (seen.has(c)) problems.push({ path: `columns.${c}`, message: `Column "${c}" appears twice` });
    seen.add(c);
  }
  for (const c of REQUIRED_IMPORT_COLUMNS) {
    if (!seen.has(c)) problems.push({ path: `columns.${c}`, message: `Column "${c}" is missing` });
  }
  if (problems.length) {
    throw new ApiError("VALIDATION_FAILED", `The CSV header does not match the request fields (${IMPORT_COLUMNS.join(", ")}).`, problems);
  }

  return rows.map((cells, i) => {
    const input: Record<string, unknown> = {};
    columns.forEach((column, c) => {
      const value = readCell(CELL_KINDS[column as keyof typeof CELL_KINDS], cells[c] ?? "");
      if (value !== undefined) input[column] = value;
    });
    return { row: i + 1, input };
  });
}

function parseJson(text: string): ImportRow[] {
  if (text.trim() === "") throw new ApiError("BAD_REQUEST", "The file is empty; send a JSON array of requests.");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError("BAD_REQUEST", "The file is not valid JSON.");
  }
  if (!Array.isArray(data)) throw new ApiError("BAD_REQUEST", "The JSON file must hold an array of requests.");
  if (data.length > IMPORT_MAX_ROWS) tooManyRows();
  return data.map((input, i) => ({ row: i + 1, input }));
}

export function parseImportFile(text: string, format: ImportFormat): ImportRow[] {
  const rows = format === "csv" ? parseCsv(text) : parseJson(text);
  if (rows.length === 0) throw new ApiError("BAD_REQUEST", "The file holds no requests.");
  return rows;
}
