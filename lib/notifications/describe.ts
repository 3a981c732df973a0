// What a domain event says to a person, in the inbox and in mail: one headline (the mail's
// subject after "[KV-12] payments_ledger: ") and the text that matters (the status
// note, the comment). Read in the fan-out transaction, so it tells the change as it was.
import { row, type Read } from "@/lib/db/sql/reads";
import { LABELS, type RequestStatus } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { RequestDomainEvent } from "@/lib/outbox/events";

export type Described = {
  requestNumber: number;
  datasetName: string;
  kind: RequestDomainEvent["type"];
  actorId: string;
  actorName: string;
  headline: string;
  body: string | null;
  at: string;
};

const EXCERPT = 500;

/** A person's name, or null (no id, or nobody by it). */
export function* nameOf(id: string | null): Read<string | null> {
  return id ? ((yield* row<{ name: string }>(`SELECT "name" FROM "user" WHERE "id" = ?`, [id]))?.name ?? null) : null;
}

export function* describeEvent(event: RequestDomainEvent): Read<Described | null> {
  const request = yield* row<{ datasetName: string }>(`SELECT "datasetName" FROM "DatasetRequest" WHERE "number" = ?`, [event.requestNumber]);
  if (!request) return null;
  const actorName = (yield* nameOf(event.actorId)) ?? "Someone";
  let headline: string;
  let body: string | null = null;
  switch (event.type) {
    case "request.created":
      headline = "New request";
      break;
    case "request.status_changed":
      headline = LABELS.status[event.to as RequestStatus] ?? event.to;
      body = event.note;
      break;
    case "request.updated":
      headline = `Edited: ${event.fields.map((f) => (FIELD_LABELS as Record<string, string>)[f] ?? f).join(", ")}`;
      break;
    case "request.commented": {
      headline = `Comment from ${actorName}`;
      const comment = yield* row<{ body: string }>(`SELECT "body" FROM "Comment" WHERE "id" = ?`, [event.commentId]);
      body = comment?.body ? (comment.body.length > EXCERPT ? `${comment.body.slice(0, EXCERPT)}…` : comment.body) : null;
      break;
    }
    case "request.assigned":
      headline = event.assigneeId ? `Assigned to ${(yield* nameOf(event.assigneeId)) ?? "someone"}` : "Unassigned";
      break;
  }
  return {
    requestNumber: event.requestNumber,
    datasetName: request.datasetName,
    kind: event.type,
    actorId: event.actorId,
    actorName,
    headline,
    body,
    at: event.at,
  };
}

/** "KV-12 payments_ledger: Needs info" */
export const titleOf = (d: Pick<Described, "requestNumber" | "datasetName" | "headline">) => `KV-${d.requestNumber} ${d.datasetName}: ${d.headline}`;
