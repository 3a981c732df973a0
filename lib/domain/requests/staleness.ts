// When an open request has sat too long in its status, the queue flags it. One place
// to tune the thresholds (days in the current status).
import type { RequestStatus } from "@/lib/domain/requests/options";

export const STALE_AFTER_DAYS: Partial<Record<RequestStatus, number>> = {
  SUBMITTED: 2, // nobody has picked it up
  IN_REVIEW: 5,
  NEEDS_INFO: 7, // waiting on the requester
  APPROVED: 3,
  PROVISIONING: 5,
};

const DAY_MS = 86_400_000;

/** Open too long in its current status? Closed statuses never go stale. */
export function isStale(status: RequestStatus, statusChangedAt: string, now: number = Date.now()): boolean {
  const limit = STALE_AFTER_DAYS[status];
  return limit !== undefined && now - new Date(statusChangedAt).getTime() > limit * DAY_MS;
}
