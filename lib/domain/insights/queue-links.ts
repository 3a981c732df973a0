// Where each number on /insights leads: the queue view that lists exactly the requests it
// counts (tests/data/insights-links.test.ts holds every link to its number). Client-safe.
import type { Role } from "@/lib/auth/roles";
import { OPEN_STATUSES, type Priority, type RequestStatus } from "@/lib/domain/requests/options";
import { presetView } from "@/lib/domain/requests/presets";
import { queueHref } from "@/lib/queries/queue-view";
import { LIST_QUERY_DEFAULTS } from "@/lib/schemas/list-params";
import type { ListRequestsQuery } from "@/lib/schemas/request";

/** Everyone's requests (insights count everyone's), in the queue's default sort. */
const EVERYONE: ListRequestsQuery = { ...LIST_QUERY_DEFAULTS, requester: "all" };
const OPEN = [...OPEN_STATUSES];

export const insightsQueueLinks = {
  /** Every open request. */
  open: () => queueHref({ ...EVERYONE, status: OPEN }),
  /** The Stale preset: open and longer in their status than its threshold. */
  stale: (role: Role) => queueHref({ ...EVERYONE, ...presetView("stale", role) }),
  /** The Unassigned preset: open, nobody assigned. */
  unassigned: (role: Role) => queueHref({ ...EVERYONE, ...presetView("unassigned", role) }),
  /** Open requests in one status. */
  status: (status: RequestStatus) => queueHref({ ...EVERYONE, status: [status] }),
  /** The stale ones of one status. */
  staleIn: (status: RequestStatus) => queueHref({ ...EVERYONE, status: [status], stale: "true" }),
  /** Open requests of one priority. */
  priority: (priority: Priority) => queueHref({ ...EVERYONE, status: OPEN, priority }),
};
