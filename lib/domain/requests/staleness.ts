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

/**
 * Each status that can go stale, with the moment before which a request that entered it
 * is stale: the thresholds every stale query (the queue's filter, insights, the digest)
 * compares "statusChangedAt" with.
 */
export function staleThresholds(now: number): [RequestStatus, Date][] {
  return (Object.entries(STALE_AFTER_DAYS) as [RequestStatus, number][]).map(([status, days]) => [status, new Date(now - days * DAY_MS)]);
}

/** Open too long in its current status? Closed statuses never go stale. */
export function isStale(status: RequestStatus, statusChangedAt: string, now: number = Date.now()): boolean {
  const limit = STALE_AFTER_DAYS[status];
  return limit !== undefined && now - new Date(statusChangedAt).getTime() > limit * DAY_MS;
}
