"use client";
// The toast itself (MUI Snackbar + Alert), loaded with the first toast.
import Alert, { type AlertColor } from "@mui/material/Alert";
import Snackbar from "@mui/material/Snackbar";

type Props = {
  toast: { id: number; message: string; severity: AlertColor } | undefined;
  open: boolean;
  /** With more waiting, each gets less time, so the newest is never minutes behind. */
  hurry: boolean;
  onClose: () => void;
  onExited: () => void;
};

export function ToastView({ toast, open, hurry, onClose, onExited }: Props) {
  // A labelled region, so toasts sit in a landmark like the rest of the page.
  return (
    <section aria-label="Notifications">
      <Snackbar
        key={toast?.id}
        open={open && toast !== undefined}
        autoHideDuration={hurry ? 1500 : 5000}
        onClose={(_, reason) => reason !== "clickaway" && onClose()}
        anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
        slotProps={{ transition: { onExited } }}
      >
        {toast ? (
          <Alert severity={toast.severity} variant="filled" onClose={onClose} sx={{ width: "100%" }}>
            {toast.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </section>
  );
}
