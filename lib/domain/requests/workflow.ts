// The request workflow as data: which status may follow which, who may take the step,
// and whether it needs a note. Route handlers, the UI and the seed all read this table.
import type { RequestStatus } from "@/lib/domain/requests/options";

/** ADMIN: the storage team. OWNER: the requester of this very request. */
export type Actor = "ADMIN" | "OWNER";

export type Transition = { to: RequestStatus; by: readonly Actor[]; noteRequired?: boolean };

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
  PROVISIONING: [{ to: "COMPLETED", by: ["ADMIN"] }],
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
