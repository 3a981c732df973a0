// Who hears of a domain event: the request's watchers and anyone its comment @mentions,
// never the person who acted.
import type Database from "better-sqlite3";
import type { RequestDomainEvent } from "@/lib/outbox/events";
import { watcherIds } from "@/lib/notifications/watchers";

export function recipientsOf(sqlite: Database.Database, event: RequestDomainEvent): string[] {
  const ids = new Set(watcherIds(sqlite, event.requestNumber));
  if (event.type === "request.commented") event.mentionedIds.forEach((id) => ids.add(id));
  ids.delete(event.actorId);
  return [...ids];
}
