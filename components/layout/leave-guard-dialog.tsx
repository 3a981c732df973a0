"use client";
// The leave guard's question (use-leave-guard.tsx), loaded the first time it is asked:
// MUI's Dialog (Modal, Backdrop, Fade, Portal) is code the form's first load does without.
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";

type Props = { open: boolean; title: string; message: string; onStay: () => void; onLeave: () => void };

export function LeaveGuardDialog({ open, title, message, onStay, onLeave }: Props) {
  return (
    <Dialog open={open} onClose={onStay} aria-labelledby="leave-guard-title" aria-describedby="leave-guard-text">
      <DialogTitle id="leave-guard-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="leave-guard-text">{message}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onStay} autoFocus>
          Stay
        </Button>
        <Button onClick={onLeave} color="error">
          Leave
        </Button>
      </DialogActions>
    </Dialog>
  );
}
