// The queue's presets: named views above the queue, each a set of URL filters, with a
// live count (GET /api/requests/counts counts exactly these views). Client-safe.
import type { Role } from "@/lib/auth/roles";
import { OPEN_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";
import type { ListRequestsQuery } from "@/lib/schemas/request";

export const PRESET_IDS = ["waitingOnMe", "unassigned", "stale", "mine"] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** The filters a preset sets; every other filter is cleared. */
export type PresetFilters = Pick<ListRequestsQuery, "requester" | "assignee" | "status" | "stale">;

const WORKING: RequestStatus[] = OPEN_STATUSES.filter((s) => s !== "NEEDS_INFO");

export const PRESETS: Record<PresetId, { label: string; description: Record<Role, string>; filters: Record<Role, PresetFilters> }> = {
  waitingOnMe: {
    label: "Waiting on me",
    description: {
      ADMIN: "Open requests assigned to you, not waiting on their requester",
      REQUESTER: "Your requests that need information from you",
    },
    filters: {
      ADMIN: { requester: "all", assignee: "me", status: WORKING },
      REQUESTER: { requester: "me", status: ["NEEDS_INFO"] },
    },
  },
  unassigned: {
    label: "Unassigned",
    description: { ADMIN: "Open requests nobody is assigned to", REQUESTER: "Open requests nobody is assigned to" },
    filters: {
      ADMIN: { requester: "all", assignee: "unassigned", status: [...OPEN_STATUSES] },
      REQUESTER: { requester: "all", assignee: "unassigned", status: [...OPEN_STATUSES] },
    },
  },
  stale: {
    label: "Stale",
    description: { ADMIN: "Open requests longer in their status than its threshold", REQUESTER: "Open requests longer in their status than its threshold" },
    filters: { ADMIN: { requester: "all", stale: "true" }, REQUESTER: { requester: "all", stale: "true" } },
  },
  mine: {
    label: "Mine",
    description: { ADMIN: "Open requests assigned to you", REQUESTER: "Requests you submitted" },
    filters: {
      ADMIN: { requester: "all", assignee: "me", status: [...OPEN_STATUSES] },
      REQUESTER: { requester: "me" },
    },
  },
};

/** Every filter of the queue cleared (the requester scope and the sort stay), ready to merge into a view. */
export const NO_FILTERS: Partial<ListRequestsQuery> = {
  status: undefined,
  type: undefined,
  team: undefined,
  priority: undefined,
  q: undefined,
  assignee: undefined,
  stale: undefined,
};

/** The full filter set of a preset (the ones it does not set cleared), ready to merge into a view. */
export function presetView(id: PresetId, role: Role): Partial<ListRequestsQuery> {
  return { ...NO_FILTERS, ...PRESETS[id].filters[role] };
}

/** The preset this view is, if its filters are exactly one's (sort and page aside). */
export function activePreset(view: ListRequestsQuery, role: Role): PresetId | null {
  const key = (v: Partial<ListRequestsQuery>) =>
    JSON.stringify([
      v.requester ?? "all",
      v.assignee ?? null,
      v.status?.length ? v.status : null,
      v.stale ?? null,
      v.type ?? null,
      v.team ?? null,
      v.priority ?? null,
      v.q || null,
    ]);
  const current = key(view);
  return PRESET_IDS.find((id) => key(presetView(id, role)) === current) ?? null;
}
