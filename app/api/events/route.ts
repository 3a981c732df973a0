import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { eventBusReady, openEventStream } from "@/lib/events/request-events";
import { toSseMessage } from "@/lib/events/sse-message";
import { eventsQuerySchema } from "@/lib/schemas/request";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";
import { observability } from "@/lib/observability/state";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

// GET /api/events — server-sent events: `request.changed` whenever a request is created,
// edited, moved or commented on, so open queues and pages refresh within a moment.
// `inbox.changed` (no data) when the caller's own inbox changed, so the bell's count follows.
// Every message has an id; a client resumes with Last-Event-ID (EventSource's reconnects)
// or ?lastEventId= (a first connection, from the id its page was rendered at) and gets
// what it missed, or one `resync` when that is no longer known (refetch everything).
export const GET = withApi(async ({ req, user }) => {
  // The header wins: EventSource keeps the first URL but sends the newest id on reconnect.
  const query = parseSearchParams(req, eventsQuerySchema);
  const lastEventId = req.headers.get("last-event-id") ?? query.lastEventId;
  // Just after the process started: the bus's first LISTEN would resync this stream.
  await eventBusReady();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      send("retry: 5000\n\n");
      const unsubscribe = openEventStream(lastEventId, (item) => {
        const message = toSseMessage(item, user.id);
        if (message) send(message);
      });
      // Comments keep proxies from closing an idle connection.
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const connections = observability().metrics.eventStreams;
      connections.inc();
      let open = true;
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        if (open) connections.dec(); // once, whichever of abort, cancel or a failed send comes first
        open = false;
      };
      req.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      // nginx and its kin: pass each message on at once.
      "X-Accel-Buffering": "no",
    },
  });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
