// The domain events a change of a request announces. Each is written to the outbox
// (channel "event") in the transaction of the change; the worker fans it out to the
// channels (their planners, registered in channels.ts through registry.ts). No "server-only": the worker script and tests read it too.

export const REQUEST_EVENT_TYPES = ["request.created", "request.status_changed", "request.updated", "request.commented", "request.assigned"] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

type Base = {
  requestNumber: number;
  /** Who did it: nobody is notified of their own action. */
  actorId: string;
  /** ISO 8601, when the change was committed. */
  at: string;
};

export type RequestDomainEvent =
  | (Base & { type: "request.created" })
  | (Base & { type: "request.status_changed"; from: string; to: string; note: string | null })
  | (Base & { type: "request.updated"; fields: string[] })
  | (Base & { type: "request.commented"; commentId: number; mentionedIds: string[] })
  | (Base & { type: "request.assigned"; assigneeId: string | null; previousAssigneeId: string | null });

/** The outbox channel that holds domain events until the worker fans them out. */
export const EVENT_CHANNEL = "event";

/** Events of one request are fanned out in order, so each channel sees them in order too. */
export const EVENT_ORDER_PREFIX = "event:";
export const eventOrderKey = (requestNumber: number) => `${EVENT_ORDER_PREFIX}${requestNumber}`;
