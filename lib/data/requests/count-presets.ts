import "server-only";
import { readDatabase } from "@/lib/db/sql/database";
import type { SessionUser } from "@/lib/auth/roles";
import { PRESET_IDS, presetView } from "@/lib/domain/requests/presets";
import { LIST_QUERY_DEFAULTS } from "@/lib/schemas/list-params";
import type { ListRequestsQuery, PresetCounts } from "@/lib/schemas/request";
import { countView } from "@/lib/data/requests/list-query";

/**
 * The count of each queue preset, by the queue's own plan and counting (so a preset's
 * count is the total its view shows): sums over RequestCount for status and assignee,
 * the requester index for "my requests", the (status, statusChangedAt) index for stale.
 */
export async function countPresets(user: SessionUser, now: number = Date.now()): Promise<PresetCounts> {
  return readDatabase(function* (dialect) {
    const counts: Partial<PresetCounts> = {};
    for (const id of PRESET_IDS)
      counts[id] = yield* countView({ ...LIST_QUERY_DEFAULTS, ...presetView(id, user.role) } as ListRequestsQuery, user.id, dialect, now);
    return counts as PresetCounts;
  });
}
