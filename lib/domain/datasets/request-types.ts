// Which request types make a dataset and which act on one: apart from options.ts (the
// dataset's fields and labels), because the queue's first load needs only this.
import type { RequestStatus, RequestType } from "@/lib/domain/requests/options";

/** The request types that bring a dataset into being, and the ones that act on a live one. */
export const CREATING_TYPES: readonly RequestType[] = ["NEW", "MIGRATION"];
export const AMENDING_TYPES: readonly RequestType[] = ["CHANGE", "DECOMMISSION"];

/** Whether a request's dataset exists (so the queue links to its page): a completed NEW or MIGRATION made it; a CHANGE or DECOMMISSION names one. */
export function requestHasDataset(r: { requestType: RequestType; status: RequestStatus }): boolean {
  return AMENDING_TYPES.includes(r.requestType) || (CREATING_TYPES.includes(r.requestType) && r.status === "COMPLETED");
}
