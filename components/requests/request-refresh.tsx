"use client";
// Keeps a request's server-rendered page current: a change announced for its number (by
// the event stream or by this person's own action, lib/queries/request-changes.ts)
// renders the page again on the server. Its controls read `refreshing` to stay disabled
// until the new page, and with it the request's new version, has arrived.
import { createContext, useCallback, useContext, useEffect, useMemo, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { subscribeToRequestChanges } from "@/lib/queries/request-changes";

type Refresh = { refresh: () => void; refreshing: boolean };

const RefreshContext = createContext<Refresh>({ refresh: () => {}, refreshing: false });

export function useRequestRefresh(): Refresh {
  return useContext(RefreshContext);
}

export function RequestRefresh({ number, children }: { number: string; children: ReactNode }) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const refresh = useCallback(() => startTransition(() => router.refresh()), [router]);
  useEffect(() => subscribeToRequestChanges(number, refresh), [number, refresh]);
  const value = useMemo(() => ({ refresh, refreshing }), [refresh, refreshing]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}
