// Streams a queue view as CSV or JSON. Rows are read in pages of EXPORT_PAGE_SIZE by
// keyset ("after the last row sent"), in the queue's own order (which always ends with
// the number, so the order is total and stable), and each page is read only when the client
// has taken the previous one: 100,000 rows never sit in memory, and a request created
// during the export neither shifts nor repeats rows.
//
// The server has one event loop: an export of 40,600 rows held it for 8 s (health
// calls waited as long, three exports at once 12 s). Profile: through Prisma (three
// compiled queries per page with the people included) and toDetail over Dates, a row
// cost ~115 µs before it was written; csv-stringify added ~90 µs. Pages are now read
// with the queue's own SQL plan on the read connection's prepared statements
// (list-query.ts: readExportPage, ~2 ms for 100 rows), and before each page the export
// yields to the event loop (setImmediate), so one page (read, mapped, written: a few ms)
// is the longest any other request waits behind it.
// Issue #20 (npm run bench -- --only export): the rows then cost ~115 µs each, ~100 of
// them in toDetail's object spreads over Dates and a BigInt; they are now decoded in
// place as text and built with Object.assign (~25 µs a row with csv-stringify, ~20 with
// JSON, of which the page read is ~10–15): see BENCHMARKS.md.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { readDatabase } from "@/lib/db/sql/database";
import { yieldToEventLoop } from "@/lib/async/yield";
import type { SessionUser } from "@/lib/auth/roles";
import { planExport, readExportPage, type ExportCursor } from "@/lib/data/requests/list-query";
import { decodeRequestRowAsText } from "@/lib/data/requests/request-row";
import { toDetailFields } from "@/lib/data/requests/request-dto";
import { EXPORT_CSV_COLUMNS as CSV_COLUMNS, type ExportFormat, type ExportRequestsQuery, type RequestExportRow } from "@/lib/schemas/export";

/** Rows per database read and per chunk written: one slice of work between yields. */
export const EXPORT_PAGE_SIZE = 100;

/** A row of readExportPage → the request's metadata, as the request page's API gives it. */
function toExportRow(r: Record<string, unknown>): RequestExportRow {
  const row = Object.assign(decodeRequestRowAsText(r), {
    requester: { id: r.requesterId, name: r.requesterName, email: r.requesterEmail },
    assignee: r.assigneeId === null ? null : { id: r.assigneeId, name: r.assigneeUserName, email: r.assigneeEmail },
  });
  return toDetailFields(row as unknown as Parameters<typeof toDetailFields>[0]);
}

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
// apostrophe (OWASP "CSV injection"). Tools that want the exact values read the JSON.
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** The cells that are not the row's own field as is. */
const CSV_CELLS: Partial<Record<(typeof CSV_COLUMNS)[number], (row: RequestExportRow) => string>> = {
  regions: (row) => row.regions.join(";"),
  requester: (row) => row.requester.email,
  assignee: (row) => row.assignee?.email ?? "",
};

function toCsvRecord(row: RequestExportRow): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = CSV_CELLS[column]?.(row) ?? row[column as keyof RequestExportRow];
    if (value === null || value === undefined) return "";
    return typeof value === "string" ? safeCell(value) : String(value);
  });
}

async function* exportRows(query: ExportRequestsQuery, user: SessionUser): AsyncGenerator<RequestExportRow[]> {
  await yieldToEventLoop();
  const plan = await readDatabase((dialect) => planExport(query, user.id, EXPORT_PAGE_SIZE, dialect));
  let after: ExportCursor | null = null;
  for (;;) {
    // Before every read: whatever queued up behind the previous page runs first.
    await yieldToEventLoop();
    const rows = await readDatabase(() => readExportPage(plan, after, EXPORT_PAGE_SIZE));
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = { value: last.sortValue, number: last.number as number };
    yield rows.map(toExportRow);
    if (rows.length < EXPORT_PAGE_SIZE) return;
  }
}

/** The export as a byte stream that reads the database one page per pull. */
export function exportRequestsStream(query: ExportRequestsQuery, user: SessionUser, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = exportRows(query, user);
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await pages.next();
          if (next.done) {
            if (format === "json") controller.enqueue(encoder.encode(first ? "[]\n" : "\n]\n"));
            else if (first) controller.enqueue(encoder.encode(stringify([[...CSV_COLUMNS]])));
            controller.close();
            return;
          }
          let text: string;
          if (format === "csv") {
            text = stringify(next.value.map(toCsvRecord), first ? { header: true, columns: [...CSV_COLUMNS] } : {});
          } else {
            text = (first ? "[\n" : ",\n") + next.value.map((r) => JSON.stringify(r)).join(",\n");
          }
          first = false;
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          // The status line is long gone: end the download broken rather than pretend it is whole.
          console.error("Export failed mid-stream:", error instanceof Error ? error.name : typeof error);
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
