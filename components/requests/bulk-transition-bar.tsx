"use client";
// Admins act on the selected queue rows together: move them (only steps the workflow
// allows from at least one selected status are offered; steps that end a request ask
// first), assign them, or set their priority. The server answers for each request.
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { LABELS, PRIORITIES, REQUEST_STATUSES, type Priority, type RequestStatus } from "@/lib/domain/requests/options";
import { allowedTransitions, TERMINAL_CONSEQUENCE, TRANSITIONS } from "@/lib/domain/requests/workflow";
import { useBulkTransition, useBulkUpdate } from "@/lib/queries/request-mutations";
import { adminsOptions } from "@/lib/queries/users";
import type { RequestSummary } from "@/lib/schemas/request";
import { useToast } from "@/components/feedback/toast-provider";

/** What a bulk action did, request by request. */
export type BulkReport = {
  /** A move ends the selection (the rows may leave the view); an assignment or priority keeps it for the next action. */
  kind: "move" | "update";
  /** "Moved", "Assigned", "Set the priority of". */
  done: string;
  results: ({ number: string; ok: true } | { number: string; ok: false; error: { code: string; message: string } })[];
};

const plural = (n: number) => `${n} ${n === 1 ? "request" : "requests"}`;

export function BulkTransitionBar({ rows, userId, onDone }: { rows: RequestSummary[]; userId: string; onDone: (report: BulkReport) => void }) {
  const bulk = useBulkTransition();
  const bulkUpdate = useBulkUpdate();
  const admins = useQuery(adminsOptions());
  const toast = useToast();
  const [to, setTo] = useState<RequestStatus | "">("");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);

  const targets = useMemo(() => {
    const reachable = new Set(rows.flatMap((r) => allowedTransitions(r.status, ["ADMIN"]).map((t) => t.to)));
    return REQUEST_STATUSES.filter((s) => reachable.has(s));
  }, [rows]);
  const noteRequired = to !== "" && Object.values(TRANSITIONS).some((ts) => ts.some((t) => t.to === to && t.noteRequired));
  const terminal = to !== "" && TERMINAL_CONSEQUENCE[to] !== undefined;
  const numbers = rows.map((r) => r.number);

  function apply() {
    if (!to) return;
    bulk.mutate(
      { numbers, to, note: note.trim() || null },
      {
        onSuccess: (result) => {
          const moved = result.results.filter((r) => r.ok).length;
          toast(`${moved} of ${plural(result.results.length)} moved to ${LABELS.status[to]}`, {
            severity: moved === result.results.length ? "success" : "warning",
          });
          setTo("");
          setNote("");
          setConfirming(false);
          onDone({ kind: "move", done: "Moved", results: result.results });
        },
      },
    );
  }

  function update(change: { assigneeId: string | null } | { priority: Priority }, what: string) {
    bulkUpdate.mutate(
      { numbers, ...change },
      {
        onSuccess: (result) => {
          const changed = result.results.filter((r) => r.ok).length;
          toast(`${changed} of ${plural(result.results.length)} ${what}`, { severity: changed === result.results.length ? "success" : "warning" });
          onDone({ kind: "update", done: "assigneeId" in change ? "Assigned" : "Set the priority of", results: result.results });
        },
      },
    );
  }

  const busy = bulk.isPending || bulkUpdate.isPending;
  const error = bulk.error ?? bulkUpdate.error;
  return (
    <Paper sx={{ p: 1.5 }} role="region" aria-label="Bulk actions">
      <Stack direction={{ xs: "column", md: "row" }} spacing={1.5} sx={{ alignItems: { md: "center" }, flexWrap: { md: "wrap" }, rowGap: 1.5 }}>
        <Typography sx={{ fontWeight: 500, flexShrink: 0 }}>{rows.length} selected</Typography>
        <TextField
          select
          label="Move selected to"
          value={to}
          onChange={(e) => setTo(e.target.value as RequestStatus | "")}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ maxWidth: { md: 200 } }}
        >
          <option value="">{targets.length ? "Choose a status…" : "No step fits all of these"}</option>
          {targets.map((s) => (
            <option key={s} value={s}>
              {LABELS.status[s]}
            </option>
          ))}
        </TextField>
        <TextField
          label={noteRequired ? "Note (required)" : "Note (optional)"}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
          sx={{ maxWidth: { md: 220 } }}
        />
        <Button
          variant="contained"
          onClick={() => (terminal ? setConfirming(true) : apply())}
          disabled={!to || busy || (noteRequired && !note.trim())}
          sx={{ flexShrink: 0 }}
        >
          Apply
        </Button>
        <TextField
          select
          label="Assign selected to"
          value=""
          disabled={busy}
          onChange={(e) => {
            const id = e.target.value;
            if (!id) return;
            const assigneeId = id === "none" ? null : id;
            const name = admins.data?.items.find((a) => a.id === id)?.name;
            update({ assigneeId }, assigneeId ? `assigned to ${name ?? "them"}` : "unassigned");
          }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ maxWidth: { md: 200 } }}
        >
          <option value="">Choose someone…</option>
          <option value="none">Nobody (unassign)</option>
          {admins.data?.items.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === userId ? `${a.name} (me)` : a.name}
            </option>
          ))}
        </TextField>
        <TextField
          select
          label="Set priority of selected"
          value=""
          disabled={busy}
          onChange={(e) => {
            const priority = e.target.value as Priority | "";
            if (priority) update({ priority }, `set to ${LABELS.priority[priority]} priority`);
          }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ maxWidth: { md: 200 } }}
        >
          <option value="">Choose a priority…</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {LABELS.priority[p]}
            </option>
          ))}
        </TextField>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error.message}
        </Alert>
      )}
      {confirming && to && (
        <Dialog open onClose={() => setConfirming(false)} fullWidth maxWidth="sm" aria-labelledby="bulk-confirm-title">
          <DialogTitle id="bulk-confirm-title">
            {to === "REJECTED" ? "Reject" : "Cancel"} {plural(rows.length)}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 1 }}>
              {numbers.join(", ")} will move to {LABELS.status[to]}
              {note.trim() ? `, with the note “${note.trim()}”` : ""}. This ends each request: it cannot be reopened, and its dataset name becomes free for a
              new request.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(false)}>Back</Button>
            <Button variant="contained" color="error" disabled={busy} onClick={apply}>
              {to === "REJECTED" ? "Reject" : "Cancel"} {plural(rows.length)}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Paper>
  );
}

/** What a bulk action did, request by request. */
export function BulkTransitionReport({ report, onClose }: { report: BulkReport; onClose: () => void }) {
  const failed = report.results.flatMap((r) => (r.ok ? [] : [r]));
  const changed = report.results.length - failed.length;
  return (
    <Alert severity={failed.length ? "warning" : "success"} onClose={onClose}>
      {report.done} {plural(changed)}.
      {failed.length > 0 && ` ${failed.length} could not be changed: ${failed.map((f) => `${f.number} (${f.error.message})`).join("; ")}`}
    </Alert>
  );
}
