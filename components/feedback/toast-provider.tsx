"use client";
// A short confirmation after each action ("Request KV-12 submitted"), one at a time,
// announced to screen readers (the Alert inside is role="alert"). Every page has the
// provider; the Snackbar's code loads with the first toast.
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import dynamic from "next/dynamic";
import type { AlertColor } from "@mui/material/Alert";

const ToastView = dynamic(() => import("@/components/feedback/toast-view").then((m) => m.ToastView), { ssr: false });

type Toast = { id: number; message: string; severity: AlertColor };
type Notify = (message: string, options?: { severity?: AlertColor }) => void;

const ToastContext = createContext<Notify>(() => {});

/** Shows a toast: `toast("Comment added")`, `toast("Could not…", { severity: "error" })`. */
export function useToast(): Notify {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [queue, setQueue] = useState<Toast[]>([]);
  const [open, setOpen] = useState(false);
  const nextId = useRef(1);

  const notify = useCallback<Notify>((message, { severity = "success" } = {}) => {
    setQueue((q) => [...q, { id: nextId.current++, message, severity }]);
    setOpen(true);
  }, []);

  return (
    <ToastContext.Provider value={notify}>
      {children}
      {queue.length > 0 && (
        <ToastView
          toast={queue[0]}
          open={open}
          hurry={queue.length > 1}
          onClose={() => setOpen(false)}
          onExited={() => {
            // Once one has faded out, the next one (if any) comes in.
            const rest = queue.slice(1);
            setQueue(rest);
            if (rest.length) setOpen(true);
          }}
        />
      )}
    </ToastContext.Provider>
  );
}
