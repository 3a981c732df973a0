// Bulk import: validate every row with the request schema, report duplicates (within
// the file and against live requests), then store all rows or only the valid ones, as
// the caller chose. Each stored request gets its CREATED event, like POST /api/requests.
import "server-only";
import { db } from "@/lib/db";
import { mapInSlices } from "@/lib/async/yield";
import { ApiError, zodIssuesToDetails, type ErrorDetail } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { formatRequestNumber } from "@/lib/domain/requests/options";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { createRequests } from "@/lib/data/requests/create-request";
import type { ImportRow } from "@/lib/import/parse-import-file";
import { createRequestBodySchema, type CreateRequestBody } from "@/lib/schemas/request";
import type { ImportFormat, ImportMode, ImportReport, ImportRowReport } from "@/lib/schemas/import";
import { AMENDING_TYPES } from "@/lib/domain/datasets/request-types";
import { datasetRules } from "@/lib/data/datasets/request-rules";
import { readDatabase } from "@/lib/db/sql/database";

type Checked = ImportRowReport & { body: CreateRequestBody | null };

const LOOKUP_CHUNK = 500;

function rawName(input: unknown): string | null {
  const v = (input as { datasetName?: unknown } | null)?.datasetName;
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

/** Live requests holding any of these names: name → KV number. */
async function liveNames(names: string[]): Promise<Map<string, string>> {
  const taken = new Map<string, string>();
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    const rows = await db.datasetRequest.findMany({
      where: { liveDatasetName: { in: names.slice(i, i + LOOKUP_CHUNK) } },
      select: { number: true, liveDatasetName: true },
    });
    for (const r of rows) if (r.liveDatasetName) taken.set(r.liveDatasetName, formatRequestNumber(r.number));
  }
  return taken;
}

/** Where a dataset name occurs in the file: its first two rows and how many rows hold it. */
type Occurrences = { first: number; second: number | null; count: number };

/**
 * The message of a row whose name is also in other rows. Constant in size: listing
 * every other row made 10,000 rows of one name a report of 10,000² row numbers (13.7 s
 * of one thread, 1.9 GB, then RangeError: Invalid string length).
 */
function alsoInFile(row: number, o: Occurrences): string {
  if (row !== o.first) return `Also in row ${o.first} of this file`;
  const more = o.count - 2;
  return `Also in row ${o.second} of this file${more > 0 ? ` and in ${more.toLocaleString("en-US")} more row${more > 1 ? "s" : ""}` : ""}`;
}

/** Every row validated and checked for duplicates; nothing stored. Runs in slices (lib/async/yield.ts). */
async function checkRows(rows: ImportRow[]): Promise<Checked[]> {
  const byName = new Map<string, Occurrences>();
  for (const r of rows) {
    const name = rawName(r.input);
    if (!name) continue;
    const o = byName.get(name);
    if (!o) byName.set(name, { first: r.row, second: null, count: 1 });
    else {
      o.second ??= r.row;
      o.count += 1;
    }
  }
  const taken = await liveNames([...byName.keys()]);

  // Validation is ~50 µs a row: 10,000 rows held the event loop for ~0.5 s in one go.
  const firstPass = await mapInSlices(rows, (r) => {
    const name = rawName(r.input);
    const errors: ErrorDetail[] = [];
    let body: CreateRequestBody | null = null;
    if (typeof r.input !== "object" || r.input === null || Array.isArray(r.input)) {
      errors.push({ path: "", message: "Each request must be a JSON object" });
    } else {
      const parsed = createRequestBodySchema.safeParse(r.input);
      if (parsed.success) body = parsed.data;
      else errors.push(...zodIssuesToDetails(parsed.error.issues));
    }
    let duplicate = false;
    const occurrences = name ? byName.get(name)! : null;
    if (occurrences && occurrences.count > 1) {
      duplicate = true;
      errors.push({ path: "datasetName", message: alsoInFile(r.row, occurrences) });
    }
    // A CHANGE or DECOMMISSION names a live dataset instead (request-rules.ts, below).
    const amending = body !== null && AMENDING_TYPES.includes(body.requestType);
    const live = name && !amending ? taken.get(name) : undefined;
    if (live) {
      duplicate = true;
      errors.push({ path: "datasetName", message: `Taken by the live request ${live}` });
    }
    return { row: r.row, name, errors, body, duplicate, amending };
  });

  // The amending rows against the datasets, all in one read.
  const amending = firstPass.filter((c) => c.amending);
  const refusals = await readDatabase(function* () {
    const found: (ApiError | null)[] = [];
    for (const c of amending) {
      try {
        yield* datasetRules(c.body!);
        found.push(null);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        found.push(error);
      }
    }
    return found;
  });
  amending.forEach((c, i) => {
    const error = refusals[i];
    if (!error) return;
    c.errors.push(...error.details);
    if (error.status === 409) c.duplicate = true;
    else c.body = null;
  });

  return firstPass.map(({ row, name, errors, body, duplicate }): Checked => {
    const invalid = body === null;
    return {
      row,
      datasetName: name,
      outcome: invalid ? "invalid" : duplicate ? "duplicate" : "valid",
      errors,
      number: null,
      body: invalid || duplicate ? null : body,
    };
  });
}

function summarize(mode: ImportMode, format: ImportFormat, checked: Checked[]): ImportReport {
  const count = (o: ImportRowReport["outcome"]) => checked.filter((c) => c.outcome === o).length;
  const imported = count("imported");
  return {
    mode,
    format,
    total: checked.length,
    valid: count("valid") + imported,
    invalid: count("invalid"),
    duplicates: count("duplicate"),
    imported,
    rows: checked.map(({ body: _body, ...row }) => row),
  };
}

/** Stores the valid rows in one transaction and marks them imported. */
async function store(user: SessionUser, checked: Checked[]): Promise<void> {
  const valid = checked.filter((c) => c.body);
  const numbers = await createRequests(
    user,
    valid.map((c) => c.body!),
  );
  for (const c of valid) {
    c.outcome = "imported";
    c.number = formatRequestNumber(numbers.get(c.body!.datasetName)!);
  }
}

function refusal(report: ImportReport): ApiError {
  const problems = report.rows.filter((r) => r.outcome === "invalid" || r.outcome === "duplicate");
  const details = problems.flatMap((r) => r.errors.map((e) => ({ path: e.path ? `rows.${r.row}.${e.path}` : `rows.${r.row}`, message: e.message })));
  const message = `${problems.length} of ${report.total} rows have problems, so nothing was imported. Fix them, or import only the valid rows.`;
  return new ApiError(report.invalid > 0 ? "VALIDATION_FAILED" : "DUPLICATE_DATASET_NAME", message, details);
}

export async function importRequests(user: SessionUser, rows: ImportRow[], mode: ImportMode, format: ImportFormat): Promise<ImportReport> {
  let checked = await checkRows(rows);
  if (mode === "validate") return summarize(mode, format, checked);

  const first = summarize(mode, format, checked);
  if (mode === "all-or-nothing" && first.valid !== first.total) throw refusal(first);
  if (first.valid === 0) return first;

  try {
    await store(user, checked);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone took one of the names since the check: check again, then decide again.
    checked = await checkRows(rows);
    const again = summarize(mode, format, checked);
    if (mode === "all-or-nothing" && again.valid !== again.total) throw refusal(again);
    if (again.valid > 0) {
      await store(user, checked).catch((e: unknown) => {
        throw isUniqueViolation(e) ? new ApiError("CONFLICT", "Dataset names were being taken while importing; nothing was imported. Try again.") : e;
      });
    }
  }
  return summarize(mode, format, checked);
}
