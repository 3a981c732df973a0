"use client";
import { startTransition, useEffect, useMemo, useRef, useState } from "react";

/**
 * A form draft in localStorage, per user: restored once on mount, saved as the user
 * types (debounced), written at once when the page is hidden, closed or left, and
 * cleared on submit.
 */
export function useDraft<T>(key: string) {
  const [state, setState] = useState<{ loaded: boolean; initial: T | null }>({ loaded: false, initial: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Values typed but not yet written. */
  const pending = useRef<{ values: T } | null>(null);

  const flush = useMemo(
    () => () => {
      clearTimeout(timer.current);
      if (!pending.current) return;
      try {
        window.localStorage.setItem(key, JSON.stringify(pending.current.values));
      } catch {
        // Storage full or blocked: the form still works, only the draft is lost.
      }
      pending.current = null;
    },
    [key],
  );

  useEffect(() => {
    let initial: T | null = null;
    try {
      const raw = window.localStorage.getItem(key);
      initial = raw ? (JSON.parse(raw) as T) : null;
    } catch {
      initial = null;
    }
    // The draft lives in the browser's storage, which the server render cannot read: it is
    // read once after hydration, so the first render matches the server's.
    // A transition: the form that renders with it is drawn in slices the browser can
    // interleave with other work, not in one long task.
    startTransition(() => setState({ loaded: true, initial }));

    // A reload or closed tab within the debounce must not lose the last keystrokes.
    const onHide = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
      flush(); // leaving the page within the app
    };
  }, [key, flush]);

  return useMemo(
    () => ({
      ...state,
      save(values: T) {
        pending.current = { values };
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, 400);
      },
      clear() {
        clearTimeout(timer.current);
        pending.current = null;
        window.localStorage.removeItem(key);
        setState({ loaded: true, initial: null });
      },
    }),
    [key, state, flush],
  );
}
