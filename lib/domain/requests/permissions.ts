// Who may change what on a request, as data beside the workflow table. Route handlers
// enforce these; the UI reads them to offer only what will be accepted.
import type { Role } from "@/lib/auth/roles";
import type { RequestStatus } from "@/lib/domain/requests/options";
import { allowedTransitions, type Actor } from "@/lib/domain/requests/workflow";

/** The requester may edit the request's fields only while it waits on them or on review. */
const OWNER_EDITABLE_STATUSES: readonly RequestStatus[] = ["SUBMITTED", "NEEDS_INFO"];

type Person = { id: string; role: Role };
type RequestRef = { requesterId: string; status: RequestStatus };

/** The hats this person wears for this request. */
export function actorsFor(user: Person, request: { requesterId: string }): Actor[] {
  const actors: Actor[] = [];
  if (user.role === "ADMIN") actors.push("ADMIN");
  if (user.id === request.requesterId) actors.push("OWNER");
  return actors;
}

export function canEditFields(user: Person, request: RequestRef): boolean {
  return user.id === request.requesterId && OWNER_EDITABLE_STATUSES.includes(request.status);
}

/** Admins decide priority at any time; the requester may revise their proposal while editing. */
export function canSetPriority(user: Person, request: RequestRef): boolean {
  return user.role === "ADMIN" || canEditFields(user, request);
}

export function canSetAdminFields(user: Person): boolean {
  return user.role === "ADMIN";
}

/** What the UI should offer this person on this request. */
export function availableActions(user: Person, request: RequestRef) {
  return {
    transitions: allowedTransitions(request.status, actorsFor(user, request)),
    editFields: canEditFields(user, request),
    setPriority: canSetPriority(user, request),
    setAdminFields: canSetAdminFields(user),
  };
}
