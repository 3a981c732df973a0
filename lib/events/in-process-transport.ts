// The live bus's transport on SQLite: one process is the whole app (SQLite is one
// machine's file), so publishing hands the event straight to this process's bus.
import type { EventTransport } from "@/lib/events/event-bus";

export function inProcessTransport(): EventTransport {
  let deliver: Parameters<EventTransport["start"]>[0]["onMessage"] | null = null;
  return {
    start(handlers) {
      deliver = handlers.onMessage;
    },
    publish(message) {
      deliver?.(message);
    },
    listening: () => deliver !== null,
    async close() {
      deliver = null;
    },
  };
}
