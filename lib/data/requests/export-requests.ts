// Streams a queue view as CSV or JSON. Rows are read in pages of EXPORT_PAGE_SIZE by
// keyset ("after the last row sent"), in the queue's own order (which always ends with
// the number, so the order is total and stable), and each page is read only when the client
// has taken the previous one: 100,000 rows never sit in memory, and a request created
// during the export neither shifts nor repeats rows.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/roles";
import { buildWhere, listOrderBy } from "@/lib/data/requests/list-requests";
import { detailInclude, toDetail } from "@/lib/data/requests/request-dto";
import type { ExportFormat, ExportRequestsQuery, RequestExportRow } from "@/lib/schemas/export";
import type { SortField } from "@/lib/schemas/request";
import type { Prisma } from "@/lib/generated/prisma/client";

export const EXPORT_PAGE_SIZE = 500;

// Every column plus the two people: toDetail maps the row, as for the API's detail.
const exportInclude = { requester: detailInclude.requester, assignee: detailInclude.assignee } satisfies Prisma.DatasetRequestInclude;

type ExportDbRow = Prisma.DatasetRequestGetPayload<{ include: typeof exportInclude }>;

function toExportRow(row: ExportDbRow): RequestExportRow {
  const { history: _history, comments: _comments, ...rest } = toDetail({ ...row, events: [], comments: [] });
  return rest;
}

/** CSV columns, in order. Request fields keep their API names; people are written by email. */
export const CSV_COLUMNS = [
  "number",
  "datasetName",
  "requestType",
  "sourceSystem",
  "ownerTeam",
  "contactEmail",
  "useCase",
  "keyFormat",
  "keyExample",
  "valueFormat",
  "valueSchema",
  "ingestion",
  "sourceLocation",
  "updateFrequency",
  "estimatedSizeGb",
  "estimatedKeyCount",
  "readQps",
  "writeQps",
  "p99LatencyMs",
  "ttlDays",
  "regions",
  "dataClassification",
  "backupsEnabled",
  "backupRetentionDays",
  "neededBy",
  "priority",
  "status",
  "requester",
  "assignee",
  "createdAt",
  "updatedAt",
  "statusChangedAt",
  "completedAt",
  "version",
] as const;

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
// apostrophe (OWASP "CSV injection"). Tools that want the exact values read the JSON.
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

export function toCsvRecord(row: RequestExportRow): string[] {
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    ...row,
    regions: row.regions.join(";"),
    requester: row.requester.email,
    assignee: row.assignee?.email ?? "",
  };
  return CSV_COLUMNS.map((column) => {
    const value = cells[column];
    if (value === null || value === undefined) return "";
    return typeof value === "string" ? safeCell(value) : String(value);
  });
}

type Where = Prisma.DatasetRequestWhereInput;
type SortValue = string | number | Date | null;

/**
 * Keyset paging: for each sort, the value a row is ordered by and the rows that come
 * after a given one in the queue's order (listOrderBy: that value, then the number).
 * Prisma's own cursor loses rows when the value is NULL (unassigned requests sorted by
 * assignee), hence these. SQLite puts NULL first ascending and last descending.
 */
const KEYSET: Record<SortField, { value: (row: ExportDbRow) => SortValue; after: (v: SortValue, n: number, o: "asc" | "desc") => Where }> = {
  number: { value: () => null, after: (_, n, o) => ({ number: { [o === "asc" ? "gt" : "lt"]: n } }) },
  datasetName: column("datasetName", (r) => r.datasetName),
  requestType: column("requestType", (r) => r.requestType),
  ownerTeam: column("ownerTeam", (r) => r.ownerTeam),
  status: column("statusRank", (r) => r.statusRank),
  priority: column("priorityRank", (r) => r.priorityRank),
  createdAt: column("createdAt", (r) => r.createdAt),
  updatedAt: column("updatedAt", (r) => r.updatedAt),
  assignee: {
    value: (r) => r.assignee?.name ?? null,
    after: (v, n, o) => {
      const op = o === "asc" ? "gt" : "lt";
      const sameName = { number: { [op]: n } };
      if (v === null) return o === "asc" ? { OR: [{ assigneeId: null, ...sameName }, { assigneeId: { not: null } }] } : { assigneeId: null, ...sameName };
      const after: Where[] = [{ assignee: { name: { [op]: v } } }, { assignee: { name: v as string }, ...sameName }];
      if (o === "desc") after.push({ assigneeId: null });
      return { OR: after };
    },
  },
};

function column(field: "datasetName" | "requestType" | "ownerTeam" | "statusRank" | "priorityRank" | "createdAt" | "updatedAt", value: (r: ExportDbRow) => SortValue) {
  return {
    value,
    after: (v: SortValue, n: number, o: "asc" | "desc"): Where => {
      const op = o === "asc" ? "gt" : "lt";
      return { OR: [{ [field]: { [op]: v } }, { [field]: v, number: { [op]: n } }] };
    },
  };
}

async function* exportRows(query: ExportRequestsQuery, user: SessionUser): AsyncGenerator<RequestExportRow[]> {
  const where = buildWhere({ ...query, page: 1, pageSize: EXPORT_PAGE_SIZE }, user);
  const orderBy = listOrderBy(query);
  const keyset = KEYSET[query.sort];
  let after: Where | undefined;
  for (;;) {
    const rows = await db.datasetRequest.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy,
      include: exportInclude,
      take: EXPORT_PAGE_SIZE,
    });
    if (rows.length === 0) return;
    yield rows.map(toExportRow);
    if (rows.length < EXPORT_PAGE_SIZE) return;
    const last = rows[rows.length - 1]!;
    after = keyset.after(keyset.value(last), last.number, query.order);
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
