import { withApi } from "@/lib/api/with-api";
import { subscribeToInboxChanges, subscribeToRequestChanges } from "@/lib/events/request-events";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";
import { observability } from "@/lib/observability/state";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

// GET /api/events — server-sent events: `request.changed` whenever a request is created,
// edited, moved or commented on, so open queues and pages refresh within a moment.
// `inbox.changed` (no data) when the caller's own inbox changed, so the bell's count follows.
export const GET = withApi(async ({ req, user }) => {
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
      const unsubscribeRequests = subscribeToRequestChanges((event) => send(`event: request.changed\ndata: ${JSON.stringify(event)}\n\n`));
      const unsubscribeInbox = subscribeToInboxChanges((userId) => {
        if (userId === user.id) send("event: inbox.changed\ndata: {}\n\n");
      });
      const unsubscribe = () => {
        unsubscribeRequests();
        unsubscribeInbox();
      };
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
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive" },
  });
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
