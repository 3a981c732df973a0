"use client";
// The request's timeline: every history event (status, assignment, priority, field
// edits, checklist) and every comment, oldest first, with a box to add a comment.
import { useState, type FormEvent } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { LABELS, type ChecklistItem } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { CommentDto, RequestDetail, RequestEventDto } from "@/lib/schemas/request";
import { useAddComment } from "@/lib/queries/request-mutations";
import { RelativeTime } from "@/components/requests/relative-time";
import { useToast } from "@/components/feedback/toast-provider";

/** Enum values in the history are stored raw; show them as the form labels them. */
function show(field: string | null, value: string | null): string {
  if (value === null) return "—";
  const labels = field ? (LABELS as Record<string, Record<string, string>>)[field] : undefined;
  return labels?.[value] ?? value;
}

function describeEvent(e: RequestEventDto): string {
  switch (e.kind) {
    case "CREATED":
      return "submitted the request";
    case "STATUS":
      return `moved it from ${e.fromStatus ? LABELS.status[e.fromStatus] : "—"} to ${e.toStatus ? LABELS.status[e.toStatus] : "—"}`;
    case "ASSIGNEE":
      return e.newValue ? `assigned it to ${e.newValue}` : `removed the assignee${e.oldValue ? ` (${e.oldValue})` : ""}`;
    case "PRIORITY":
      return `changed priority from ${show("priority", e.oldValue)} to ${show("priority", e.newValue)}`;
    case "EDIT": {
      const label = FIELD_LABELS[e.field as keyof typeof FIELD_LABELS] ?? e.field ?? "a field";
      return `changed ${label} from “${show(e.field, e.oldValue)}” to “${show(e.field, e.newValue)}”`;
    }
    case "CHECKLIST":
      return `marked ${LABELS.checklist[e.field as ChecklistItem] ?? e.field} as ${e.newValue}`;
  }
}

type Entry = { at: string; key: string } & ({ event: RequestEventDto } | { comment: CommentDto });

export function RequestActivity({ request }: { request: RequestDetail }) {
  const entries: Entry[] = [
    ...request.history.map((event) => ({ at: event.createdAt, key: `e${event.id}`, event })),
    ...request.comments.map((comment) => ({ at: comment.createdAt, key: `c${comment.id}`, comment })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));

  return (
    <Stack spacing={2}>
      <Box component="ol" aria-label="Status history" sx={{ listStyle: "none", m: 0, p: 0 }}>
        {entries.map((entry) => (
          <Box component="li" key={entry.key} sx={{ py: 1, borderLeft: 2, borderColor: "divider", pl: 1.5, ml: 0.5 }}>
            {"event" in entry ? (
              <>
                <Typography variant="body2">
                  <strong>{entry.event.actor.name}</strong> {describeEvent(entry.event)}
                </Typography>
                {entry.event.note && (
                  <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: "pre-wrap", color: "text.secondary" }}>
                    “{entry.event.note}”
                  </Typography>
                )}
              </>
            ) : (
              <Box sx={{ bgcolor: "action.hover", borderRadius: 1, p: 1 }}>
                <Typography variant="body2">
                  <strong>{entry.comment.author.name}</strong> commented
                </Typography>
                <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                  {entry.comment.body}
                </Typography>
              </Box>
            )}
            <Typography variant="caption" color="textSecondary">
              <RelativeTime iso={entry.at} />
            </Typography>
          </Box>
        ))}
      </Box>
      {request.comments.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No comments yet. Ask a question or add context below; everyone following this request sees it.
        </Typography>
      )}
      <CommentBox number={request.number} />
    </Stack>
  );
}

function CommentBox({ number }: { number: string }) {
  const [body, setBody] = useState("");
  const addComment = useAddComment(number);
  const toast = useToast();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim() || addComment.isPending) return;
    addComment.mutate(
      { body },
      {
        onSuccess: () => {
          setBody("");
          toast("Comment added");
        },
      },
    );
  }

  return (
    <Stack component="form" onSubmit={submit} spacing={1} aria-label="Add a comment">
      {addComment.error && <Alert severity="error">{addComment.error.message}</Alert>}
      <TextField label="Comment" multiline minRows={2} value={body} onChange={(e) => setBody(e.target.value)} slotProps={{ htmlInput: { maxLength: 4000 } }} />
      <Box>
        <Button type="submit" variant="outlined" disabled={!body.trim() || addComment.isPending}>
          Add comment
        </Button>
      </Box>
    </Stack>
  );
}
