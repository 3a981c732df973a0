// An import file → one plain object per request, ready for createRequestBodySchema.
// CSV cells are text, so they are turned into the JSON types the schema reads: numbers,
// true/false, region lists separated by ";" or "|"; an empty cell means "not given".
//
// Files are read as UTF-8 (a BOM is allowed). Parsing runs in slices that yield to the
// event loop (lib/async/yield.ts): 10,000 rows took ~0.3 s of one thread in one go.
import { isUtf8 } from "node:buffer";
import { parse, type Parser } from "csv-parse";
import { ApiError, type ErrorDetail } from "@/lib/api/errors";
import { mapInSlices, yieldToEventLoop } from "@/lib/async/yield";
import { IMPORT_COLUMNS, IMPORT_ENCODING, IMPORT_MAX_ROWS, REQUIRED_IMPORT_COLUMNS, type ImportFormat } from "@/lib/schemas/import";

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
function readCell(kind: CellKind, cell: string): unknown {
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

/**
 * The file's bytes as text. Bytes that are not UTF-8 (a Latin-1 "é" is one byte, 0xE9)
 * used to become U+FFFD silently and be stored so; the file is refused instead, naming
 * the first line that is not UTF-8.
 */
export function decodeImportFile(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) {
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline + 1;
      if (!isUtf8(bytes.subarray(start, end))) break;
      start = end;
    }
    throw new ApiError(
      "BAD_REQUEST",
      `The file is not ${IMPORT_ENCODING}: save it as ${IMPORT_ENCODING} (in a spreadsheet: "CSV UTF-8") and import it again.`,
      [{ path: "file", message: `Line ${line} holds bytes that are not ${IMPORT_ENCODING} (for example Latin-1 or Windows-1252 text)` }],
    );
  }
  // A UTF-8 byte order mark (spreadsheets write one) is dropped here.
  return new TextDecoder("utf-8").decode(bytes);
}

/** Characters fed to the CSV parser between yields (~2 ms of parsing). */
const CSV_SLICE_CHARS = 32 * 1024;

async function readCsvRecords(text: string): Promise<string[][]> {
  const parser: Parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: false });
  const records: string[][] = [];
  let failure: unknown = null;
  parser.on("readable", () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) records.push(record);
  });
  parser.on("error", (error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => {
    parser.on("end", resolve);
    parser.on("error", () => resolve());
  });
  for (let at = 0; at < text.length && failure === null;) {
    let end = Math.min(at + CSV_SLICE_CHARS, text.length);
    // Never between the two halves of a surrogate pair (an emoji): each would become U+FFFD.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
    parser.write(text.slice(at, end));
    at = end;
    // The header plus one row too many is enough to refuse the file.
    if (records.length > IMPORT_MAX_ROWS + 1) tooManyRows();
    await yieldToEventLoop();
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) throw failure;
  return records;
}

async function parseCsv(text: string): Promise<ImportRow[]> {
  let records: string[][];
  try {
    records = await readCsvRecords(text);
  } catch (error) {
    if (error instanceof ApiError) throw error;
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

  return mapInSlices(rows, (cells, i) => {
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

export async function parseImportFile(text: string, format: ImportFormat): Promise<ImportRow[]> {
  // JSON.parse cannot be sliced: 5 MB (the largest file) parses in ~50 ms.
  const rows = format === "csv" ? await parseCsv(text) : parseJson(text);
  if (rows.length === 0) throw new ApiError("BAD_REQUEST", "The file holds no requests.");
  return rows;
}
