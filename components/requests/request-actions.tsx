"use client";
// What this person may do to this request, and nothing else: the workflow and
// permission tables decide which controls appear; the server checks again.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import type { SessionUser } from "@/lib/auth/roles";
import { LABELS, PRIORITIES, type ChecklistItem, type RequestStatus } from "@/lib/domain/requests/options";
import { actorsFor, availableActions } from "@/lib/domain/requests/permissions";
import { answersByReplying } from "@/lib/domain/requests/needs-info";
import { canOverrideChecklist, openChecklistSteps, TERMINAL_CONSEQUENCE, type Transition } from "@/lib/domain/requests/workflow";
import { ApiClientError } from "@/lib/queries/api-client";
import { useTransitionRequest, useUpdateRequest } from "@/lib/queries/request-mutations";
import { adminsOptions } from "@/lib/queries/users";
import type { RequestDetail } from "@/lib/schemas/request";
import { LinkButton } from "@/components/layout/link-button";
import { transitionLabel } from "@/components/requests/transition-labels";
import { useToast } from "@/components/feedback/toast-provider";

export function RequestActions({ request, user, onStale }: { request: RequestDetail; user: SessionUser; onStale: () => void }) {
  const available = availableActions(user, { requesterId: request.requester.id, status: request.status });
  // The requester answers the storage team's question with "Reply and resubmit" (in the
  // question's banner): no second, reply-less "Resubmit" here.
  const replying = answersByReplying(user, request);
  const actions = { ...available, transitions: available.transitions.filter((t) => !(replying && t.to === "IN_REVIEW")) };
  const update = useUpdateRequest(request.number);
  const transition = useTransitionRequest(request.number);
  const admins = useQuery({ ...adminsOptions(), enabled: actions.setAdminFields });
  const [pending, setPending] = useState<Transition | null>(null);
  const toast = useToast();
  const error = update.error ?? transition.error;
  const isOwner = user.id === request.requester.id;

  const nothingToDo = !actions.setAdminFields && !actions.editFields && actions.transitions.length === 0;
  if (nothingToDo) return null;

  return (
    <Stack spacing={2}>
      {error && (
        <Alert
          severity={error instanceof ApiClientError && error.code === "STALE_VERSION" ? "warning" : "error"}
          action={
            error instanceof ApiClientError && error.code === "STALE_VERSION" ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  update.reset();
                  transition.reset();
                  onStale();
                }}
              >
                Reload
              </Button>
            ) : undefined
          }
        >
          {error.message}
        </Alert>
      )}

      {actions.setAdminFields && (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ "& > *": { maxWidth: { sm: 300 } } }}>
          <TextField
            select
            label="Assignee"
            value={request.assignee?.id ?? ""}
            disabled={update.isPending}
            onChange={(e) =>
              update.mutate(
                { assigneeId: e.target.value || null, version: request.version },
                { onSuccess: (r) => toast(r.assignee ? `${r.number} assigned to ${r.assignee.name}` : `${r.number} unassigned`) },
              )
            }
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">Unassigned</option>
            {/* Keep the current assignee listed even before the team list arrives. */}
            {request.assignee && !admins.data?.items.some((a) => a.id === request.assignee?.id) && (
              <option value={request.assignee.id}>{request.assignee.name}</option>
            )}
            {admins.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === user.id ? `${a.name} (me)` : a.name}
              </option>
            ))}
          </TextField>
          <TextField
            select
            label="Set priority"
            value={request.priority}
            disabled={update.isPending}
            onChange={(e) =>
              update.mutate(
                { priority: e.target.value as RequestDetail["priority"], version: request.version },
                { onSuccess: (r) => toast(`${r.number} priority set to ${LABELS.priority[r.priority]}`) },
              )
            }
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {LABELS.priority[p]}
              </option>
            ))}
          </TextField>
        </Stack>
      )}

      {(actions.editFields || actions.transitions.length > 0) && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }}>
          {actions.editFields && (
            <LinkButton href={`/requests/${request.number}/edit`} variant="outlined">
              Edit request
            </LinkButton>
          )}
          {actions.transitions.map((t) => (
            <Button
              key={t.to}
              variant={t.to === "REJECTED" || t.to === "CANCELLED" ? "outlined" : "contained"}
              color={t.to === "REJECTED" || t.to === "CANCELLED" ? "error" : "primary"}
              disabled={transition.isPending}
              onClick={() => {
                transition.reset();
                setPending(t);
              }}
            >
              {transitionLabel(request.status, t.to, isOwner)}
            </Button>
          ))}
        </Box>
      )}

      {pending && (
        <TransitionDialog
          from={request.status}
          datasetName={request.datasetName}
          openSteps={openChecklistSteps(pending, request)}
          mayOverride={canOverrideChecklist(actorsFor(user, { requesterId: request.requester.id }))}
          transition={pending}
          label={transitionLabel(request.status, pending.to, isOwner)}
          busy={transition.isPending}
          error={transition.error?.message}
          onCancel={() => setPending(null)}
          onConfirm={(note, override) =>
            transition.mutate(
              { to: pending.to, note: note || null, version: request.version, ...(override ? { override: true } : {}) },
              {
                onSuccess: (r) => {
                  setPending(null);
                  toast(`${r.number} moved to ${LABELS.status[r.status]}`);
                },
              },
            )
          }
        />
      )}
    </Stack>
  );
}

function TransitionDialog(props: {
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
