import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import type { BulkTransitionBody, BulkTransitionResponse } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { applyTransition } from "@/lib/data/requests/transition-request";

/** KV-12, kv-12 and 12 → KV-12, each once, in the order given. */
export function normalizeNumbers(numbers: string[]): Set<string> {
  return new Set(numbers.map((n) => n.toUpperCase().replace(/^(?!KV-)/, "KV-")));
}

/**
 * Admins move several requests at once. Each one goes through the same checks as a
 * single transition (against the version read here); one failure does not stop the rest,
 * and the answer says what happened to each.
 */
export async function bulkTransition(user: SessionUser, body: BulkTransitionBody): Promise<BulkTransitionResponse> {
  if (user.role !== "ADMIN") throw ApiError.forbidden("Only the storage team can move several requests at once.");
  const results: BulkTransitionResponse["results"] = [];
  for (const raw of normalizeNumbers(body.numbers)) {
    try {
      const current = await getRequestByNumber(raw);
      // No checklist override in bulk: a migration with open steps is completed on its own page.
      const updated = await applyTransition(user, current, body.to, body.note, current.version);
      results.push({ number: updated.number, ok: true, status: updated.status });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({ number: raw, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
