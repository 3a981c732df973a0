"use client";
// The confirmation of a move to another status: its consequence, the migration
// checklist's open steps (and the override, for those who may), and the note. Loaded
// when a move is chosen (request-actions.tsx), not with the request's page: Dialog,
// Modal and TextField stay out of the page's first load (issue #20).
import { useState } from "react";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import TextField from "@mui/material/TextField";
import { LABELS, type ChecklistItem, type RequestStatus } from "@/lib/domain/requests/options";
import { TERMINAL_CONSEQUENCE, type Transition } from "@/lib/domain/requests/workflow";

export function TransitionDialog(props: {
  from: RequestStatus;
  datasetName: string;
  transition: Transition;
  /** Migration checklist steps still open that block this step (empty: none). */
  openSteps: ChecklistItem[];
  mayOverride: boolean;
  label: string;
  busy: boolean;
  error?: string;
  onCancel: () => void;
  onConfirm: (note: string, override: boolean) => void;
}) {
  const { from, datasetName, transition, openSteps, mayOverride, label, busy, error, onCancel, onConfirm } = props;
  const [note, setNote] = useState("");
  const [override, setOverride] = useState(false);
  const blocked = openSteps.length > 0;
  const noteRequired = transition.noteRequired || (blocked && override);
  const missingNote = noteRequired && !note.trim();
  const consequence = TERMINAL_CONSEQUENCE[transition.to];
  const steps = openSteps.map((s) => LABELS.checklist[s]).join(", ");
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm" aria-labelledby="transition-title">
      <DialogTitle id="transition-title">{label}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          From {LABELS.status[from]} to {LABELS.status[transition.to]}.
          {transition.noteRequired ? " Tell the requester why; they will see this note." : blocked ? "" : " Add a note if it helps."}
        </DialogContentText>
        {consequence && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {consequence(datasetName)}
          </Alert>
        )}
        {blocked && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            The migration checklist has open steps: {steps}.{" "}
            {mayOverride ? "Tick them first, or complete anyway with a note saying why; the history records the override." : "Tick them first."}
            {mayOverride && (
              <FormControlLabel
                sx={{ display: "flex", mt: 1 }}
                control={<Checkbox checked={override} onChange={(e) => setOverride(e.target.checked)} />}
                label="Complete with open steps (override)"
              />
            )}
          </Alert>
        )}
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <TextField
          label={noteRequired ? (blocked && override ? "Why override? (required)" : "Note (required)") : "Note (optional)"}
          multiline
          minRows={3}
          autoFocus
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Back</Button>
        <Button
          variant="contained"
          color={consequence ? "error" : "primary"}
          disabled={busy || missingNote || (blocked && !override)}
          onClick={() => onConfirm(note.trim(), blocked && override)}
        >
          {blocked && override ? `${label} anyway` : label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
