"use client";
// Admins move the selected queue rows together. Only steps the workflow allows from at
// least one selected status are offered; the server answers for each request.
import { useMemo, useState } from "react";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { LABELS, REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";
import { allowedTransitions, TRANSITIONS } from "@/lib/domain/requests/workflow";
import { useBulkTransition } from "@/lib/queries/request-mutations";
import type { BulkTransitionResponse, RequestSummary } from "@/lib/schemas/request";
import { useToast } from "@/components/feedback/toast-provider";

export function BulkTransitionBar({ rows, onDone }: { rows: RequestSummary[]; onDone: (result: BulkTransitionResponse) => void }) {
  const bulk = useBulkTransition();
  const toast = useToast();
  const [to, setTo] = useState<RequestStatus | "">("");
  const [note, setNote] = useState("");

  const targets = useMemo(() => {
    const reachable = new Set(rows.flatMap((r) => allowedTransitions(r.status, ["ADMIN"]).map((t) => t.to)));
    return REQUEST_STATUSES.filter((s) => reachable.has(s));
  }, [rows]);
  const noteRequired = to !== "" && Object.values(TRANSITIONS).some((ts) => ts.some((t) => t.to === to && t.noteRequired));

  function apply() {
    if (!to) return;
    bulk.mutate(
      { numbers: rows.map((r) => r.number), to, note: note.trim() || null },
      {
        onSuccess: (result) => {
          const moved = result.results.filter((r) => r.ok).length;
          toast(`${moved} of ${result.results.length} ${result.results.length === 1 ? "request" : "requests"} moved to ${LABELS.status[to]}`, {
            severity: moved === result.results.length ? "success" : "warning",
          });
          setTo("");
          setNote("");
          onDone(result);
        },
      },
    );
  }

  return (
    <Paper sx={{ p: 1.5 }} role="region" aria-label="Bulk actions">
      <Stack direction={{ xs: "column", md: "row" }} spacing={1.5} sx={{ alignItems: { md: "center" } }}>
        <Typography sx={{ fontWeight: 500, flexShrink: 0 }}>{rows.length} selected</Typography>
        <TextField
          select
          label="Move selected to"
          value={to}
          onChange={(e) => setTo(e.target.value as RequestStatus | "")}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ maxWidth: { md: 220 } }}
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
        />
        <Button variant="contained" onClick={apply} disabled={!to || bulk.isPending || (noteRequired && !note.trim())} sx={{ flexShrink: 0 }}>
          Apply
        </Button>
      </Stack>
      {bulk.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {bulk.error.message}
        </Alert>
      )}
    </Paper>
  );
}

/** What a bulk move did, request by request. */
export function BulkTransitionReport({ report, onClose }: { report: BulkTransitionResponse; onClose: () => void }) {
  const failed = report.results.flatMap((r) => (r.ok ? [] : [r]));
  const moved = report.results.length - failed.length;
  return (
    <Alert severity={failed.length ? "warning" : "success"} onClose={onClose}>
      Moved {moved} {moved === 1 ? "request" : "requests"}.
      {failed.length > 0 && ` ${failed.length} could not be moved: ${failed.map((f) => `${f.number} (${f.error.message})`).join("; ")}`}
    </Alert>
  );
}
