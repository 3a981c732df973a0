// Prisma rows → the DTOs of lib/schemas/request.ts. Only these shapes leave the server.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatRequestNumber, MIGRATION_CHECKLIST, type ChecklistItem } from "@/lib/domain/requests/options";
import type { CommentDto, RequestDetail, RequestEventDto, RequestSummary } from "@/lib/schemas/request";

const userRef = { select: { id: true, name: true, email: true } } as const;

type UserRef = typeof userRef;
/** The columns a summary is made of (the queue reads them with its own SQL). */
type SummarySelect = {
  number: true;
  datasetName: true;
  requestType: true;
  ownerTeam: true;
  status: true;
  priority: true;
  createdAt: true;
  updatedAt: true;
  statusChangedAt: true;
  checklist: true;
  requester: UserRef;
  assignee: UserRef;
};

export const detailInclude = {
  requester: userRef,
  assignee: userRef,
  events: { orderBy: { id: "asc" }, include: { actor: userRef } },
  comments: { orderBy: { id: "asc" }, include: { author: userRef } },
} satisfies Prisma.DatasetRequestInclude;

type SummaryRow = Prisma.DatasetRequestGetPayload<{ select: SummarySelect }>;
type DetailRow = Prisma.DatasetRequestGetPayload<{ include: typeof detailInclude }>;

/** A summary row whose dates may already be ISO strings (the queue's raw SQL reads them as text). */
type SummaryFields = Omit<SummaryRow, "createdAt" | "updatedAt" | "statusChangedAt"> & Record<"createdAt" | "updatedAt" | "statusChangedAt", Date | string>;
const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());

// Enum columns are strings in the database; the schemas that wrote them guarantee
// their values, hence the casts.
export function toSummary(row: SummaryFields): RequestSummary {
  return {
    number: formatRequestNumber(row.number),
    datasetName: row.datasetName,
    requestType: row.requestType as RequestSummary["requestType"],
    ownerTeam: row.ownerTeam,
    status: row.status as RequestSummary["status"],
    priority: row.priority as RequestSummary["priority"],
    requester: row.requester,
    assignee: row.assignee,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    statusChangedAt: iso(row.statusChangedAt),
    checklistProgress: row.requestType === "MIGRATION" ? { done: parseChecklist(row.checklist).length, total: MIGRATION_CHECKLIST.length } : null,
  };
}

/** The stored comma-separated checklist → its known items, in checklist order. */
function parseChecklist(stored: string): ChecklistItem[] {
  const done = new Set(stored.split(","));
  return MIGRATION_CHECKLIST.filter((item) => done.has(item));
}

type DateField = "createdAt" | "updatedAt" | "statusChangedAt";
/**
 * A request row without its history and comments, whose dates may already be ISO text
 * and its key count text (the export decodes its raw SQL rows so: no Date or BigInt per row).
 */
type DetailFieldsRow = Omit<DetailRow, "events" | "comments" | DateField | "completedAt" | "estimatedKeyCount"> &
  Record<DateField, Date | string> & { completedAt: Date | string | null; estimatedKeyCount: bigint | string };

/** Every field of a request's detail but its history and comments: an exported request. */
export function toDetailFields(row: DetailFieldsRow): Omit<RequestDetail, "history" | "comments"> {
  // Object.assign onto the summary, not `{ ...toSummary(row), … }`: on the export's rows
  // that spread took ~100 µs a row (measured beside ~25 µs for this), most of the export's time.
  return Object.assign(toSummary(row), {
    sourceSystem: row.sourceSystem as RequestDetail["sourceSystem"],
    contactEmail: row.contactEmail,
    useCase: row.useCase,
    keyFormat: row.keyFormat as RequestDetail["keyFormat"],
    keyExample: row.keyExample,
    valueFormat: row.valueFormat as RequestDetail["valueFormat"],
    valueSchema: row.valueSchema,
    ingestion: row.ingestion as RequestDetail["ingestion"],
    sourceLocation: row.sourceLocation,
    updateFrequency: row.updateFrequency as RequestDetail["updateFrequency"],
    estimatedSizeGb: row.estimatedSizeGb,
    estimatedKeyCount: String(row.estimatedKeyCount),
    readQps: row.readQps,
    writeQps: row.writeQps,
    p99LatencyMs: row.p99LatencyMs,
    ttlDays: row.ttlDays,
    regions: row.regions.split(",").filter(Boolean) as RequestDetail["regions"],
    dataClassification: row.dataClassification as RequestDetail["dataClassification"],
    backupsEnabled: row.backupsEnabled,
    backupRetentionDays: row.backupRetentionDays,
    neededBy: row.neededBy,
    completedAt: row.completedAt === null ? null : iso(row.completedAt),
    checklist: parseChecklist(row.checklist),
    version: row.version,
  });
}

export function toDetail(row: DetailRow): RequestDetail {
  return Object.assign(toDetailFields(row), {
    history: row.events.map((e): RequestEventDto => ({
      id: e.id,
      kind: e.kind as RequestEventDto["kind"],
      actor: e.actor,
      fromStatus: e.fromStatus as RequestEventDto["fromStatus"],
      toStatus: e.toStatus as RequestEventDto["toStatus"],
      field: e.field,
      oldValue: e.oldValue,
      newValue: e.newValue,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    comments: row.comments.map(toCommentDto),
  });
}

/** A deleted comment keeps its place in the timeline, never its words. */
export function toCommentDto(c: {
  id: number;
  author: CommentDto["author"];
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}): CommentDto {
  return {
    id: c.id,
    author: c.author,
    body: c.deletedAt ? "" : c.body,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    deletedAt: c.deletedAt?.toISOString() ?? null,
  };
}
