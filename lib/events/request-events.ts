// In-process notifications that a request changed, fanned out to open event streams
// (GET /api/events). One process only: with several app instances each stream sees its
// own instance's changes, and clients fall back to polling for the rest.
import "server-only";
import { EventEmitter } from "node:events";
import type { RequestChangedEvent } from "@/lib/schemas/request";

const globalForEvents = globalThis as unknown as { kvstoreRequestEvents?: EventEmitter };
const emitter = (globalForEvents.kvstoreRequestEvents ??= new EventEmitter().setMaxListeners(0));

export function publishRequestChanged(number: string, version: number) {
  const event: RequestChangedEvent = { type: "request.changed", number, version };
  emitter.emit("change", event);
}

export function subscribeToRequestChanges(listener: (event: RequestChangedEvent) => void): () => void {
  emitter.on("change", listener);
  return () => emitter.off("change", listener);
}

/** Someone's inbox changed (a new notification, or read ones): their open pages refresh the bell. */
export function publishInboxChanged(userId: string) {
  emitter.emit("inbox", userId);
}

export function subscribeToInboxChanges(listener: (userId: string) => void): () => void {
  emitter.on("inbox", listener);
  return () => emitter.off("inbox", listener);
}
