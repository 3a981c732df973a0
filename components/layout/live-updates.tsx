"use client";
// Keeps open pages current: a server-sent event stream marks changed requests stale at
// once. While the stream is down, queues poll instead (react-query pauses hidden tabs).
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { requestKeys } from "@/lib/queries/requests";
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
    return () => source.close();
  }, [queryClient]);

  return <LiveContext.Provider value={connected}>{children}</LiveContext.Provider>;
}
