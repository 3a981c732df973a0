"use client";
// The request timeline's client parts (request-activity.tsx renders the rest on the
// server): the viewer's own comment, which they may edit or delete for 15 minutes, and
// the box to add a comment. Native fields, buttons and alerts in MUI's look
// (filter-fields, static-*), as the page's other controls (issue #20).
import { useState, useSyncExternalStore, type FormEvent } from "react";
import type { CommentDto } from "@/lib/schemas/request";
import { withinEditWindow } from "@/lib/domain/requests/comment-rules";
import { useAddComment, useChangeComment } from "@/lib/queries/request-mutations";
import { CommentView } from "@/components/requests/comment-view";
import { useToast } from "@/components/feedback/toast-provider";
import { StaticAlert } from "@/components/layout/static-alert";
import { StaticButton } from "@/components/layout/static-button";
import { OutlinedTextArea } from "@/components/requests/form-fields";
import styles from "./request-activity.module.css";

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

/** The viewer's own comment: Edit and Delete while it is under 15 minutes old. */
export function OwnComment({ number, comment }: { number: string; comment: CommentDto }) {
  const now = useSyncExternalStore(subscribeClock, readClock, noClock);
  const [mode, setMode] = useState<"view" | "edit" | "confirm-delete">("view");
  const [draft, setDraft] = useState(comment.body);
  const change = useChangeComment(number, comment.id);
  const toast = useToast();
  const editable = now !== null && withinEditWindow(comment.createdAt, new Date(now));

  function save(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim() || change.isPending) return;
    change.mutate({ body: draft }, { onSuccess: () => (setMode("view"), toast("Comment edited")) });
  }

  return (
    <CommentView
      comment={comment}
      notice={
        change.error && (
          <StaticAlert role="alert" severity="error" style={{ marginTop: 4 }}>
            {change.error.message}
          </StaticAlert>
        )
      }
      editor={
        mode === "edit" ? (
          <form onSubmit={save} className={styles.editForm} aria-label="Edit your comment">
            <OutlinedTextArea label="Edit comment" value={draft} onChange={setDraft} maxLength={4000} autoFocus />
            <div className={styles.controls}>
              <StaticButton type="submit" size="small" variant="outlined" disabled={!draft.trim() || change.isPending}>
                Save
              </StaticButton>
              <StaticButton size="small" onClick={() => (setMode("view"), setDraft(comment.body), change.reset())}>
                Cancel
              </StaticButton>
            </div>
          </form>
        ) : undefined
      }
    >
      {editable && mode === "view" && (
        <div className={styles.controls}>
          <StaticButton size="small" onClick={() => (setDraft(comment.body), setMode("edit"))} aria-label="Edit comment">
            Edit
          </StaticButton>
          <StaticButton size="small" color="error" onClick={() => setMode("confirm-delete")}>
            Delete
          </StaticButton>
        </div>
      )}
      {editable && mode === "confirm-delete" && (
        <div className={styles.controls} role="group" aria-label="Delete this comment?">
          <p className={styles.text}>Delete this comment?</p>
          <StaticButton
            size="small"
            color="error"
            variant="outlined"
            disabled={change.isPending}
            onClick={() => change.mutate(null, { onSuccess: () => (setMode("view"), toast("Comment deleted")) })}
          >
            Delete comment
          </StaticButton>
          <StaticButton size="small" onClick={() => setMode("view")}>
            Keep
          </StaticButton>
        </div>
      )}
    </CommentView>
  );
}

export function CommentBox({ number }: { number: string }) {
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
    <form onSubmit={submit} className={styles.commentForm} aria-label="Add a comment">
      {addComment.error && (
        <StaticAlert role="alert" severity="error">
          {addComment.error.message}
        </StaticAlert>
      )}
      <OutlinedTextArea label="Comment" value={body} onChange={setBody} maxLength={4000} />
      <div>
        <StaticButton type="submit" variant="outlined" disabled={!body.trim() || addComment.isPending}>
          Add comment
        </StaticButton>
      </div>
    </form>
  );
}
