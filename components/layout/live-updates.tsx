"use client";
// Keeps open pages current: a server-sent event stream marks changed requests stale at
// once, and the bell follows the person's inbox. The stream starts from the event id the
// page was rendered at (`since`), so a change made between the render and the connection
// is replayed, not missed; EventSource's reconnects resume from the last id it saw. A
// `resync` (the server no longer knows that id) refetches everything on screen. An open
// request page, rendered on the server, refreshes (lib/queries/request-changes.ts). While the
// stream is down, queues poll instead (react-query pauses hidden tabs).
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { requestKeys } from "@/lib/queries/requests";
import { inboxKeys } from "@/lib/queries/inbox";
import { announceRequestChanged } from "@/lib/queries/request-changes";
import type { RequestChangedEvent } from "@/lib/schemas/request";

const LiveContext = createContext(false);

/** Whether change notifications are flowing (then polling can be slow). */
export function useLiveUpdates(): boolean {
  return useContext(LiveContext);
}

export function LiveUpdates({ since, children }: { since: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  // The newest id seen: a stream opened again (a remount) resumes there, not at the render.
  const position = useRef(since);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/events?lastEventId=${encodeURIComponent(position.current)}`);
    const seen = (message: Event) => {
      const id = (message as MessageEvent<string>).lastEventId;
      if (id) position.current = id;
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("request.changed", (message) => {
      seen(message);
      const event = JSON.parse((message as MessageEvent<string>).data) as RequestChangedEvent;
      void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
      announceRequestChanged(event.number);
    });
    // The caller's own inbox changed: the bell's count and /inbox refresh.
    source.addEventListener("inbox.changed", (message) => {
      seen(message);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    });
    // Events were lost to this stream: every query on screen refetches.
    source.addEventListener("resync", (message) => {
      seen(message);
      void queryClient.invalidateQueries();
      announceRequestChanged();
    });
    return () => source.close();
  }, [queryClient]);

  return <LiveContext.Provider value={connected}>{children}</LiveContext.Provider>;
}
