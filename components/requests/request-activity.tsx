// The request's timeline: every history event (status, assignment, priority, field
// edits, checklist, comment edits and deletions) and every comment, oldest first, with a
// box to add a comment. Rendered on the server; the comment box and the viewer's own
// comments, which they may edit or delete for 15 minutes, are client components.
// A busy request shows its latest entries and a link to the rest: 50 events and 50
// comments were most of its page's HTML and of its server render (issue #20).
import NextLink from "next/link";
import { LABELS, type ChecklistItem } from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import type { CommentDto, RequestDetail, RequestEventDto } from "@/lib/schemas/request";
import type { SessionUser } from "@/lib/auth/roles";
import { RelativeTime } from "@/components/requests/relative-time";
import { CommentView } from "@/components/requests/comment-view";
import { CommentBox, OwnComment } from "@/components/requests/request-comments";
import ui from "@/components/layout/static-page.module.css";
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

/** How many of the latest entries a request's page shows until asked for all of them. */
export const LATEST_ACTIVITY = 20;

/** `all`: every entry (the page's `?activity=all`); otherwise the latest LATEST_ACTIVITY. */
export function RequestActivity({ request, user, all = false }: { request: RequestDetail; user: SessionUser; all?: boolean }) {
  const entries: Entry[] = [
    ...request.history.map((event) => ({ at: event.createdAt, key: `e${event.id}`, event })),
    ...request.comments.map((comment) => ({ at: comment.createdAt, key: `c${comment.id}`, comment })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  const earlier = all ? 0 : Math.max(0, entries.length - LATEST_ACTIVITY);

  return (
    <div className={ui.stack2}>
      {earlier > 0 && (
        // A link, not a button: the page renders again on the server with every entry,
        // and the address can be shared. No prefetch: most visits never ask.
        <NextLink href="?activity=all#activity" prefetch={false} className={`${ui.link} ${ui.body2}`}>
          Show {earlier} earlier {earlier === 1 ? "entry" : "entries"}
        </NextLink>
      )}
      <ol aria-label="Status history" className={styles.list}>
        {entries.slice(earlier).map((entry) => (
          <li key={entry.key} className={styles.entry}>
            {"event" in entry ? (
              <>
                <p className={styles.text}>
                  <strong>{entry.event.actor.name}</strong> {describeEvent(entry.event)}
                </p>
                {entry.event.note && <p className={styles.note}>“{entry.event.note}”</p>}
              </>
            ) : entry.comment.author.id === user.id && entry.comment.deletedAt === null ? (
              <OwnComment number={request.number} comment={entry.comment} />
            ) : (
              <CommentView comment={entry.comment} />
            )}
            <span className={ui.caption}>
              <RelativeTime iso={entry.at} />
            </span>
          </li>
        ))}
      </ol>
      {request.comments.length === 0 && <p className={`${ui.body2} ${ui.secondary}`}>No comments yet. Ask a question or add context below.</p>}
      <CommentBox number={request.number} />
    </div>
  );
}
