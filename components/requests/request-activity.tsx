"use client";
// The request's timeline: every history event (status, assignment, priority, field
// edits, checklist, comment edits and deletions) and every comment, oldest first, with a
// box to add a comment. A comment's author may edit or delete it for 15 minutes.
import { useState, useSyncExternalStore, type FormEvent } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { LABELS, type ChecklistItem } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { CommentDto, RequestDetail, RequestEventDto } from "@/lib/schemas/request";
import type { SessionUser } from "@/lib/auth/roles";
import { withinEditWindow } from "@/lib/domain/requests/comment-rules";
import { useAddComment, useChangeComment } from "@/lib/queries/request-mutations";
import { CommentText } from "@/components/requests/comment-text";
import { RelativeTime } from "@/components/requests/relative-time";
import { useToast } from "@/components/feedback/toast-provider";
import styles from "./request-activity.module.css";

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
    case "COMMENT_EDITED":
      return "edited a comment";
    case "COMMENT_DELETED":
      return "deleted a comment";
  }
}

type Entry = { at: string; key: string } & ({ event: RequestEventDto } | { comment: CommentDto });

export function RequestActivity({ request, user }: { request: RequestDetail; user: SessionUser }) {
  const entries: Entry[] = [
    ...request.history.map((event) => ({ at: event.createdAt, key: `e${event.id}`, event })),
    ...request.comments.map((comment) => ({ at: comment.createdAt, key: `c${comment.id}`, comment })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));

  return (
    <Stack spacing={2}>
      <ol aria-label="Status history" className={styles.list}>
        {entries.map((entry) => (
          <li key={entry.key} className={styles.entry}>
            {"event" in entry ? (
              <>
                <p className={styles.text}>
                  <strong>{entry.event.actor.name}</strong> {describeEvent(entry.event)}
                </p>
                {entry.event.note && <p className={styles.note}>“{entry.event.note}”</p>}
              </>
            ) : (
              <CommentEntry number={request.number} comment={entry.comment} user={user} />
            )}
            <span className={styles.when}>
              <RelativeTime iso={entry.at} />
            </span>
          </li>
        ))}
      </ol>
      {request.comments.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No comments yet. Ask a question or add context below.
        </Typography>
      )}
      <CommentBox number={request.number} />
    </Stack>
  );
}

// The clock for the 15-minute window, read in the browser only (the server renders no
// Edit/Delete buttons, so hydration never disagrees) and ticking every 15 s.
let clockNow = 0;
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | undefined;
function subscribeClock(listener: () => void) {
  clockListeners.add(listener);
  clockTimer ??= setInterval(() => {
    clockNow = Date.now();
    clockListeners.forEach((l) => l());
  }, 15_000);
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}
const readClock = () => (clockNow ||= Date.now());
const noClock = () => null;

function CommentEntry({ number, comment, user }: { number: string; comment: CommentDto; user: SessionUser }) {
  const now = useSyncExternalStore(subscribeClock, readClock, noClock);
  const [mode, setMode] = useState<"view" | "edit" | "confirm-delete">("view");
  const [draft, setDraft] = useState(comment.body);
  const change = useChangeComment(number, comment.id);
  const toast = useToast();
  const deleted = comment.deletedAt !== null;
  const mine = comment.author.id === user.id && !deleted && now !== null && withinEditWindow(comment.createdAt, new Date(now));

  function save(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim() || change.isPending) return;
    change.mutate({ body: draft }, { onSuccess: () => (setMode("view"), toast("Comment edited")) });
  }

  if (deleted) {
    return (
      <div className={styles.deleted}>
        <p className={`${styles.text} ${styles.secondary} ${styles.italic}`}>Comment deleted</p>
      </div>
    );
  }
  return (
    <div className={styles.comment}>
      <p className={styles.text}>
        <strong>{comment.author.name}</strong> commented
        {comment.editedAt && <span className={styles.secondary}> (edited)</span>}
      </p>
      {change.error && (
        <Alert severity="error" sx={{ mt: 0.5 }}>
          {change.error.message}
        </Alert>
      )}
      {mode === "edit" ? (
        <Stack component="form" onSubmit={save} spacing={1} sx={{ mt: 1 }} aria-label="Edit your comment">
          <TextField
            label="Edit comment"
            multiline
            minRows={2}
            size="small"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 4000 } }}
            autoFocus
          />
          <Stack direction="row" spacing={1}>
            <Button type="submit" size="small" variant="outlined" disabled={!draft.trim() || change.isPending}>
              Save
            </Button>
            <Button size="small" onClick={() => (setMode("view"), setDraft(comment.body), change.reset())}>
              Cancel
            </Button>
          </Stack>
        </Stack>
      ) : (
        <p className={styles.body}>
          <CommentText body={comment.body} />
        </p>
      )}
      {mine && mode === "view" && (
        <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
          <Button size="small" onClick={() => (setDraft(comment.body), setMode("edit"))} aria-label="Edit comment">
            Edit
          </Button>
          <Button size="small" color="error" onClick={() => setMode("confirm-delete")}>
            Delete
          </Button>
        </Stack>
      )}
      {mine && mode === "confirm-delete" && (
        <Stack direction="row" spacing={1} sx={{ mt: 0.5, alignItems: "center", flexWrap: "wrap" }} role="group" aria-label="Delete this comment?">
          <Typography variant="body2">Delete this comment?</Typography>
          <Button
            size="small"
            color="error"
            variant="outlined"
            disabled={change.isPending}
            onClick={() => change.mutate(null, { onSuccess: () => (setMode("view"), toast("Comment deleted")) })}
          >
            Delete comment
          </Button>
          <Button size="small" onClick={() => setMode("view")}>
            Keep
          </Button>
        </Stack>
      )}
    </div>
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
