// What a request in NEEDS_INFO is waiting for: the storage team's question, which is the
// note of its latest move to NEEDS_INFO in the history. Client-safe.
import type { RequestStatus } from "@/lib/domain/requests/options";

type HistoryEvent = {
  kind: string;
  toStatus: RequestStatus | null;
  note: string | null;
  actor: { id: string; name: string };
  createdAt: string;
};

export type Question = { note: string; askedBy: { id: string; name: string }; askedAt: string };

/** The open question of a request in NEEDS_INFO, or null (another status, or no note). */
export function openQuestion(request: { status: RequestStatus; history: readonly HistoryEvent[] }): Question | null {
  if (request.status !== "NEEDS_INFO") return null;
  // The history is append-only and ordered oldest first; read it from the end.
  for (let i = request.history.length - 1; i >= 0; i--) {
    const e = request.history[i]!;
    if (e.kind === "STATUS" && e.toStatus === "NEEDS_INFO") return e.note ? { note: e.note, askedBy: e.actor, askedAt: e.createdAt } : null;
  }
  return null;
}

/** Whether this row waits on the person looking at it: their own request, asked for information. */
export function isWaitingOn(userId: string | null | undefined, request: { status: RequestStatus; requester: { id: string } }): boolean {
  return Boolean(userId) && request.status === "NEEDS_INFO" && request.requester.id === userId;
}

/**
 * Whether this person answers the request's open question with "Reply and resubmit" (the
 * edit page's reply box): its requester, while they may edit it. Then that is their one
 * way back to review, and the request page offers no plain "Resubmit" beside it.
 */
export function answersByReplying(
  user: { id: string },
  request: { status: RequestStatus; requester: { id: string }; history: readonly HistoryEvent[] },
): boolean {
  return request.requester.id === user.id && request.status === "NEEDS_INFO" && openQuestion(request) !== null;
}
