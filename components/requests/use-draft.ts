"use client";
import { useEffect, useMemo, useRef, useState } from "react";

/**
 * A form draft in localStorage, per user: restored once on mount, saved as the user
 * types (debounced), cleared on submit.
 */
export function useDraft<T>(key: string) {
  const [state, setState] = useState<{ loaded: boolean; initial: T | null }>({ loaded: false, initial: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let initial: T | null = null;
    try {
      const raw = window.localStorage.getItem(key);
      initial = raw ? (JSON.parse(raw) as T) : null;
    } catch {
      initial = null;
    }
    setState({ loaded: true, initial });
    return () => clearTimeout(timer.current);
  }, [key]);

  return useMemo(
    () => ({
      ...state,
      save(values: T) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          try {
            window.localStorage.setItem(key, JSON.stringify(values));
          } catch {
            // Storage full or blocked: the form still works, only the draft is lost.
          }
        }, 400);
      },
      clear() {
        clearTimeout(timer.current);
        window.localStorage.removeItem(key);
        setState({ loaded: true, initial: null });
      },
    }),
    [key, state],
  );
}
