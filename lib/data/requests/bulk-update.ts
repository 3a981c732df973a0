import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import type { BulkUpdateBody, BulkUpdateResponse } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { updateRequest } from "@/lib/data/requests/update-request";
import { normalizeNumbers } from "@/lib/data/requests/bulk-transition";

/**
 * Admins assign several requests, or set their priority, at once. Each one goes through
 * the same checks and history as a single edit (against the version read here); one
 * failure does not stop the rest, and the answer says what happened to each.
 */
export async function bulkUpdate(user: SessionUser, body: BulkUpdateBody): Promise<BulkUpdateResponse> {
  if (user.role !== "ADMIN") throw ApiError.forbidden("Only the storage team can change several requests at once.");
  const results: BulkUpdateResponse["results"] = [];
  for (const raw of normalizeNumbers(body.numbers)) {
    try {
      const current = await getRequestByNumber(raw);
      const change = { ...(body.assigneeId !== undefined ? { assigneeId: body.assigneeId } : {}), ...(body.priority ? { priority: body.priority } : {}) };
      const updated = await updateRequest(user, current.number, { ...change, version: current.version }, null);
      results.push({ number: updated.number, ok: true, assignee: updated.assignee, priority: updated.priority });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({ number: raw, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
