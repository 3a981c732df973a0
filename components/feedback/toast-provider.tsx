"use client";
// A short confirmation after each action ("Request KV-12 submitted"), one at a time,
// announced to screen readers (the Alert inside is role="alert").
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import Alert, { type AlertColor } from "@mui/material/Alert";
import Snackbar from "@mui/material/Snackbar";

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

  const current = queue[0];
  const notify = useCallback<Notify>((message, { severity = "success" } = {}) => {
    // A newer message replaces the one on screen: the old one fades out, then this one shows.
    setQueue((q) => [...q, { id: nextId.current++, message, severity }]);
    setOpen(true);
  }, []);

  const close = (_: unknown, reason?: string) => {
    if (reason !== "clickaway") setOpen(false);
  };

  return (
    <ToastContext.Provider value={notify}>
      {children}
      <Snackbar
        key={current?.id}
        open={open && current !== undefined}
        // With more waiting, each gets less time, so the newest is never minutes behind.
        autoHideDuration={queue.length > 1 ? 1500 : 5000}
        onClose={close}
        anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
        slotProps={{
          transition: {
            // Once one has faded out, the next one (if any) comes in.
            onExited: () => {
              const rest = queue.slice(1);
              setQueue(rest);
              if (rest.length) setOpen(true);
            },
          },
        }}
      >
        {current ? (
          <Alert severity={current.severity} variant="filled" onClose={() => setOpen(false)} sx={{ width: "100%" }}>
            {current.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </ToastContext.Provider>
  );
}
