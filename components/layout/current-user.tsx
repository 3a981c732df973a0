"use client";
// Who is looking, for client components deep in a page that need only that (e.g. the
// queue's "waiting on you"). Set once by the (app) layout from the server's session.
import { createContext, useContext, type ReactNode } from "react";

const CurrentUserId = createContext<string | null>(null);

export function CurrentUserProvider({ id, children }: { id: string; children: ReactNode }) {
  return <CurrentUserId.Provider value={id}>{children}</CurrentUserId.Provider>;
}

/** The signed-in user's id; null outside the (app) layout. */
export function useCurrentUserId(): string | null {
  return useContext(CurrentUserId);
}
