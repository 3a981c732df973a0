// The request workflow as data: which status may follow which, who may take the step,
// and whether it needs a note. Route handlers, the UI and the seed all read this table.
import { MIGRATION_CHECKLIST, type ChecklistItem, type RequestStatus, type RequestType } from "@/lib/domain/requests/options";

/** ADMIN: the storage team. OWNER: the requester of this very request. */
export type Actor = "ADMIN" | "OWNER";

/**
 * `checklistDone`: a migration takes this step only with every checklist step ticked,
 * unless one of `CHECKLIST_OVERRIDE_BY` overrides it with a note (recorded in the history).
 */
export type Transition = { to: RequestStatus; by: readonly Actor[]; noteRequired?: boolean; checklistDone?: boolean };

export const TRANSITIONS: Record<RequestStatus, readonly Transition[]> = {
  SUBMITTED: [
    { to: "IN_REVIEW", by: ["ADMIN"] },
    { to: "REJECTED", by: ["ADMIN"], noteRequired: true },
    { to: "CANCELLED", by: ["OWNER", "ADMIN"] },
  ],
  IN_REVIEW: [
    { to: "APPROVED", by: ["ADMIN"] },
    { to: "NEEDS_INFO", by: ["ADMIN"], noteRequired: true },
    { to: "REJECTED", by: ["ADMIN"], noteRequired: true },
    { to: "CANCELLED", by: ["OWNER", "ADMIN"] },
  ],
  // The requester answers by editing (which resubmits) or by resubmitting as is.
  NEEDS_INFO: [
    { to: "IN_REVIEW", by: ["OWNER", "ADMIN"] },
    { to: "REJECTED", by: ["ADMIN"], noteRequired: true },
    { to: "CANCELLED", by: ["OWNER", "ADMIN"] },
  ],
  APPROVED: [
    { to: "PROVISIONING", by: ["ADMIN"] },
    { to: "CANCELLED", by: ["OWNER", "ADMIN"] },
  ],
  PROVISIONING: [{ to: "COMPLETED", by: ["ADMIN"], checklistDone: true }],
  COMPLETED: [],
  REJECTED: [],
  CANCELLED: [],
};

/** The transitions out of `from` that this actor may take. */
export function allowedTransitions(from: RequestStatus, actors: readonly Actor[]): Transition[] {
  return TRANSITIONS[from].filter((t) => t.by.some((a) => actors.includes(a)));
}

export function findTransition(from: RequestStatus, to: RequestStatus): Transition | undefined {
  return TRANSITIONS[from].find((t) => t.to === to);
}

/** Who may take a `checklistDone` step with steps still open (always with a note saying why). */
export const CHECKLIST_OVERRIDE_BY: readonly Actor[] = ["ADMIN"];

/**
 * The migration checklist steps still open that stand in the way of this step, in
 * checklist order: none when the step has no checklist rule or the request is no migration.
 */
export function openChecklistSteps(
  transition: Pick<Transition, "checklistDone"> | undefined,
  request: { requestType: RequestType; checklist: readonly ChecklistItem[] },
): ChecklistItem[] {
  if (!transition?.checklistDone || request.requestType !== "MIGRATION") return [];
  return MIGRATION_CHECKLIST.filter((step) => !request.checklist.includes(step));
}

export function canOverrideChecklist(actors: readonly Actor[]): boolean {
  return CHECKLIST_OVERRIDE_BY.some((a) => actors.includes(a));
}

/**
 * The steps that end a request for good, and what the confirmation says happens
 * (the UI asks before taking one, alone or in bulk).
 */
export const TERMINAL_CONSEQUENCE: Partial<Record<RequestStatus, (datasetName: string) => string>> = {
  REJECTED: (name) => `This ends the request: a rejected request cannot be reopened, and the name ${name} becomes free for a new request.`,
  CANCELLED: (name) => `This ends the request: a cancelled request cannot be reopened, and the name ${name} becomes free for a new request.`,
};
