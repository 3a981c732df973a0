// Who hears of a domain event: the request's watchers and anyone its comment @mentions,
// never the person who acted.
import type { Dialect } from "@/lib/db/sql/dialect";
import type { Read } from "@/lib/db/sql/reads";
import type { RequestDomainEvent } from "@/lib/outbox/events";
import { watcherIds } from "@/lib/notifications/watchers";

export function* recipientsOf(d: Dialect, event: RequestDomainEvent): Read<string[]> {
  const ids = new Set(yield* watcherIds(d, event.requestNumber));
  if (event.type === "request.commented") event.mentionedIds.forEach((id) => ids.add(id));
  ids.delete(event.actorId);
  return [...ids];
}
