"use client";
// Keeps open pages current: a server-sent event stream marks changed requests stale at
// once, and the bell follows the person's inbox. While the stream is down, queues poll instead (react-query pauses hidden tabs).
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { requestKeys } from "@/lib/queries/requests";
import { inboxKeys } from "@/lib/queries/inbox";
import type { RequestChangedEvent } from "@/lib/schemas/request";

const LiveContext = createContext(false);

/** Whether change notifications are flowing (then polling can be slow). */
export function useLiveUpdates(): boolean {
  return useContext(LiveContext);
}

export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("request.changed", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as RequestChangedEvent;
      void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: requestKeys.detail(event.number) });
    });
    // The caller's own inbox changed: the bell's count and /inbox refresh.
    source.addEventListener("inbox.changed", () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }));
    return () => source.close();
  }, [queryClient]);

  return <LiveContext.Provider value={connected}>{children}</LiveContext.Provider>;
}
