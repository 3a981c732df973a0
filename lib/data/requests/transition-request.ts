import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { LABELS, STATUS_RANK } from "@/lib/domain/requests/options";
import { actorsFor } from "@/lib/domain/requests/permissions";
import { allowedTransitions, canOverrideChecklist, findTransition, openChecklistSteps } from "@/lib/domain/requests/workflow";
import type { RequestDetail, TransitionBody } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { currentVersion, requireVersion, staleVersion } from "@/lib/data/requests/versions";
import { announcingTransaction, requestChanged } from "@/lib/events/request-events";
import { nameClaims } from "@/lib/domain/datasets/options";
import { applyCompletedRequest } from "@/lib/data/datasets/apply-completed-request";
import { enqueueRequestEvent } from "@/lib/outbox/enqueue";

/** POST /api/requests/{number}/transitions: one step of the workflow table. */
export async function transitionRequest(user: SessionUser, rawNumber: string, body: TransitionBody, ifMatch: string | null): Promise<RequestDetail> {
  const expected = requireVersion(body.version, ifMatch);
  const current = await getRequestByNumber(rawNumber);
  return applyTransition(user, current, body.to, body.note, expected, { override: body.override ?? false });
}

/** Checks the step against the workflow table and who is asking, then writes it. */
export async function applyTransition(
  user: SessionUser,
  current: RequestDetail,
  to: TransitionBody["to"],
  note: string | null,
  expectedVersion: number,
  { override = false }: { override?: boolean } = {},
): Promise<RequestDetail> {
  const from = current.status;
  const actors = actorsFor(user, { requesterId: current.requester.id });
  const allowed = allowedTransitions(from, actors);
  if (!allowed.some((t) => t.to === to)) {
    const step = findTransition(from, to);
    if (step) {
      const who = step.by.includes("OWNER") ? "the requester or the storage team" : "the storage team";
      throw ApiError.forbidden(`Only ${who} can move a request from ${LABELS.status[from]} to ${LABELS.status[to]}.`);
    }
    throw new ApiError(
      "ILLEGAL_TRANSITION",
      `A request cannot go from ${LABELS.status[from]} to ${LABELS.status[to]}.` +
        (allowed.length ? ` Allowed for you: ${allowed.map((t) => t.to).join(", ")}.` : " No further step is open to you."),
      allowed.map((t) => ({ path: "to", message: `Allowed: ${t.to}` })),
    );
  }
  if (findTransition(from, to)?.noteRequired && !note) {
    throw new ApiError("VALIDATION_FAILED", "Some fields are not valid.", [
      { path: "note", message: `Say why: a note is required to move a request to ${LABELS.status[to]}` },
    ]);
  }
  // A migration completes with its checklist done, or with an admin's override and a note.
  const open = openChecklistSteps(findTransition(from, to), current);
  let recordedNote = note;
  let overridden: string | null = null;
  if (open.length > 0) {
    const steps = open.map((s) => LABELS.checklist[s]).join(", ");
    if (!override) {
      throw new ApiError(
        "CHECKLIST_INCOMPLETE",
        `${current.number} cannot move to ${LABELS.status[to]} while its migration checklist has open steps: ${steps}. Tick them first` +
          (canOverrideChecklist(actors) ? ', or override with a note saying why ("override": true).' : "."),
        open.map((s) => ({ path: `checklist.${s}`, message: `${LABELS.checklist[s]} is not done` })),
      );
    }
    if (!canOverrideChecklist(actors)) throw ApiError.forbidden("Only the storage team can override the migration checklist.");
    if (!note) {
      throw new ApiError("VALIDATION_FAILED", "Some fields are not valid.", [
        { path: "note", message: `Say why: a note is required to complete with open checklist steps (${steps})` },
      ]);
    }
    recordedNote = `Checklist overridden with open steps (${steps}): ${note}`;
    overridden = open.join(",");
  }
  if (expectedVersion !== current.version) throw staleVersion(current.version);

  const number = Number(current.number.slice(3));
  const now = new Date();
  await announcingTransaction(async (tx, announce) => {
    const { count } = await tx.datasetRequest.updateMany({
      where: { number, version: expectedVersion },
      data: {
        status: to,
        statusRank: STATUS_RANK[to],
        statusChangedAt: now,
        updatedAt: now,
        completedAt: to === "COMPLETED" ? now : null,
        // A rejected or cancelled request gives its dataset name back (name-claims).
        ...nameClaims(current.requestType, current.datasetName, to),
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion(await currentVersion(tx, number));
    await tx.requestEvent.create({
      data: {
        requestNumber: number,
        actorId: user.id,
        kind: "STATUS",
        fromStatus: from,
        toStatus: to,
        note: recordedNote,
        // An override names the steps that were open, for tools reading the history.
        ...(overridden ? { field: "checklistOverride", oldValue: overridden } : {}),
        createdAt: now,
      },
    });
    if (to === "COMPLETED") await applyCompletedRequest(tx, current, user.id, now);
    await enqueueRequestEvent(tx, {
      type: "request.status_changed",
      requestNumber: number,
      actorId: user.id,
      at: now.toISOString(),
      from,
      to,
      note: recordedNote,
    });
    announce(requestChanged(current.number, expectedVersion + 1));
  });
  return getRequestByNumber(current.number);
}
