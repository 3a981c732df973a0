// How GET /api/events writes the bus's items as server-sent events, for one caller.
import type { StreamItem } from "@/lib/events/event-bus";

/** One bus item as an SSE message for this caller; null when it is not theirs to see. */
export function toSseMessage(item: StreamItem, userId: string): string | null {
  switch (item.kind) {
    case "position":
      return `id: ${item.id}\n\n`; // sets the client's Last-Event-ID without an event
    case "resync":
      return `id: ${item.id}\nevent: resync\ndata: {}\n\n`;
    case "event":
      if (item.event.type === "request.changed") return `id: ${item.id}\nevent: request.changed\ndata: ${JSON.stringify(item.event)}\n\n`;
      return item.event.userId === userId ? `id: ${item.id}\nevent: inbox.changed\ndata: {}\n\n` : null;
  }
}
