import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LABELS, MIGRATION_CHECKLIST, PRIORITY_RANK, STATUS_RANK } from "@/lib/domain/requests/options";
import { canEditFields, canSetAdminFields, canSetPriority } from "@/lib/domain/requests/permissions";
import { NEEDED_BY_IN_THE_PAST, earliestCurrentDate, pickFields, requestFieldsSchema, type RequestDetail, type UpdateRequestBody } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { diffFields } from "@/lib/data/requests/field-values";
import { duplicateName } from "@/lib/data/requests/create-request";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { currentVersion, requireVersion, staleVersion } from "@/lib/data/requests/versions";
import { announcingTransaction, requestChanged } from "@/lib/events/request-events";
import { nameClaims } from "@/lib/domain/datasets/options";
import { checkDatasetRules } from "@/lib/data/datasets/request-rules";
import { enqueueRequestEvent } from "@/lib/outbox/enqueue";
import type { RequestDomainEvent } from "@/lib/outbox/events";

type EventInput = Omit<Prisma.RequestEventCreateManyInput, "requestNumber" | "actorId" | "createdAt">;

/**
 * PATCH a request. The requester edits its fields while SUBMITTED or NEEDS_INFO (an
 * edit in NEEDS_INFO sends it back to IN_REVIEW); admins set priority, assignee and
 * the migration checklist. Every change becomes a history event; a stale version 409s.
 */
export async function updateRequest(user: SessionUser, rawNumber: string, body: UpdateRequestBody, ifMatch: string | null): Promise<RequestDetail> {
  const expected = requireVersion(body.version, ifMatch);
  const current = await getRequestByNumber(rawNumber);
  const ref = { requesterId: current.requester.id, status: current.status };
  const { version: _version, assigneeId, checklist, priority, ...fieldChanges } = body;
  const editedFields = Object.keys(fieldChanges).filter((k) => fieldChanges[k as keyof typeof fieldChanges] !== undefined);

  // Who may do this — checked before anything else is read into the change.
  if (editedFields.length > 0) {
    if (user.id !== ref.requesterId) throw ApiError.forbidden("Only the requester can edit a request's details.");
    if (!canEditFields(user, ref)) {
      throw new ApiError("CONFLICT", `A request can be edited only while Submitted or Needs info; this one is ${LABELS.status[current.status]}.`);
    }
  }
  if (priority !== undefined && !canSetPriority(user, ref)) throw ApiError.forbidden("Only the storage team can change the priority now.");
  if ((assigneeId !== undefined || checklist !== undefined) && !canSetAdminFields(user)) {
    throw ApiError.forbidden("Only the storage team can assign a request or tick its migration checklist.");
  }
  if (expected !== current.version) throw staleVersion(current.version);

  // The merged request must still be a valid request.
  const before = pickFields(current);
  const merged = requestFieldsSchema.safeParse({ ...before, ...fieldChanges, ...(priority !== undefined ? { priority } : {}) });
  if (!merged.success) throw ApiError.fromZod(merged.error);
  const after = merged.data;
  if (after.neededBy !== before.neededBy && after.neededBy !== null && after.neededBy < earliestCurrentDate()) {
    throw new ApiError("VALIDATION_FAILED", "Some fields are not valid.", [{ path: "neededBy", message: NEEDED_BY_IN_THE_PAST }]);
  }

  const events: EventInput[] = diffFields(before, after).map((d) =>
    d.field === "priority" ? { kind: "PRIORITY", oldValue: d.oldValue, newValue: d.newValue } : { kind: "EDIT", ...d },
  );
  const data: Prisma.DatasetRequestUpdateManyMutationInput & { assigneeId?: string | null } = {};
  const detailsChanged = events.some((e) => e.kind === "EDIT");

  if (assigneeId !== undefined && assigneeId !== (current.assignee?.id ?? null)) {
    const assignee = assigneeId === null ? null : await db.user.findUnique({ where: { id: assigneeId }, select: { name: true, role: true } });
    if (assigneeId !== null && assignee?.role !== "ADMIN") {
      throw new ApiError("VALIDATION_FAILED", "Some fields are not valid.", [
        { path: "assigneeId", message: "Assign the request to someone on the storage team" },
      ]);
    }
    data.assigneeId = assigneeId;
    events.push({ kind: "ASSIGNEE", oldValue: current.assignee?.name ?? null, newValue: assignee?.name ?? null });
  }

  if (checklist !== undefined) {
    if (after.requestType !== "MIGRATION") {
      throw new ApiError("VALIDATION_FAILED", "Some fields are not valid.", [{ path: "checklist", message: "Only migrations have a checklist" }]);
    }
    const done = new Set(current.checklist);
    for (const [item, tick] of Object.entries(checklist) as [keyof typeof checklist, boolean][]) {
      if (tick === done.has(item)) continue;
      if (tick) done.add(item);
      else done.delete(item);
      events.push({ kind: "CHECKLIST", field: item, newValue: tick ? "done" : "not done" });
    }
    data.checklist = MIGRATION_CHECKLIST.filter((i) => done.has(i)).join(",");
  }

  if (events.length === 0) return current;

  const now = new Date();
  Object.assign(data, {
    ...after,
    estimatedKeyCount: BigInt(after.estimatedKeyCount),
    regions: after.regions.join(","),
    ...nameClaims(after.requestType, after.datasetName, current.status),
    priorityRank: PRIORITY_RANK[after.priority],
    updatedAt: now,
    version: { increment: 1 },
  });
  // Answering a request for information: the edit sends it back to review.
  if (detailsChanged && current.status === "NEEDS_INFO") {
    Object.assign(data, { status: "IN_REVIEW", statusRank: STATUS_RANK.IN_REVIEW, statusChangedAt: now });
    events.push({ kind: "STATUS", fromStatus: "NEEDS_INFO", toStatus: "IN_REVIEW", note: "Resubmitted with changes" });
  }

  const number = Number(current.number.slice(3));
  if (after.datasetName !== before.datasetName || after.requestType !== before.requestType) await checkDatasetRules(after, number);
  try {
    await announcingTransaction(async (tx, announce) => {
      const { count } = await tx.datasetRequest.updateMany({ where: { number, version: expected }, data });
      if (count === 0) throw staleVersion(await currentVersion(tx, number));
      await tx.requestEvent.createMany({ data: events.map((e) => ({ ...e, requestNumber: number, actorId: user.id, createdAt: now })) });
      await enqueueRequestEvent(
        tx,
        ...domainEvents(events, { requestNumber: number, actorId: user.id, at: now.toISOString() }, data.assigneeId, current.assignee?.id ?? null),
      );
      announce(requestChanged(current.number, expected + 1));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw (await checkDatasetRules(after, number), duplicateName(after.datasetName));
    throw error;
  }
  return getRequestByNumber(current.number);
}

/** The history events of one update as domain events: an assignment, the edited fields, a status change. */
function domainEvents(
  events: EventInput[],
  base: { requestNumber: number; actorId: string; at: string },
  assigneeId: string | null | undefined,
  previousAssigneeId: string | null,
): RequestDomainEvent[] {
  const out: RequestDomainEvent[] = [];
  const fields = [
    ...new Set(
      events
        .filter((e) => e.kind === "EDIT" || e.kind === "PRIORITY" || e.kind === "CHECKLIST")
        .map((e) => (e.kind === "PRIORITY" ? "priority" : e.kind === "CHECKLIST" ? "checklist" : e.field!)),
    ),
  ];
  if (fields.length) out.push({ ...base, type: "request.updated", fields });
  if (assigneeId !== undefined) out.push({ ...base, type: "request.assigned", assigneeId, previousAssigneeId });
  for (const e of events) {
    if (e.kind === "STATUS") out.push({ ...base, type: "request.status_changed", from: e.fromStatus!, to: e.toStatus!, note: e.note ?? null });
  }
  return out;
}
