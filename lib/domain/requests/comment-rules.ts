// Who may change a comment, and until when: its author, for 15 minutes after posting
// (long enough to fix a typo or a wrong link, short enough that a discussion people
// have already answered does not shift under them). Admins get no more: a comment is
// its author's words, and the history records every edit and deletion.
import type { Role } from "@/lib/auth/roles";

export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;

type Person = { id: string; role: Role };
type CommentRef = { authorId: string; createdAt: Date | string; deletedAt: Date | string | null };

export type CommentChangeRefusal = { status: "FORBIDDEN" | "CONFLICT"; message: string };

/** Why this person may not edit or delete this comment now, or null when they may. */
export function commentChangeRefusal(user: Person, comment: CommentRef, action: "edit" | "delete", now: Date = new Date()): CommentChangeRefusal | null {
  if (comment.authorId !== user.id) return { status: "FORBIDDEN", message: `Only its author can ${action} a comment.` };
  if (comment.deletedAt !== null) return { status: "CONFLICT", message: "This comment was deleted." };
  if (!withinEditWindow(comment.createdAt, now)) {
    return { status: "CONFLICT", message: `A comment can be edited or deleted only in the first 15 minutes after posting; add a new comment instead.` };
  }
  return null;
}

export function withinEditWindow(createdAt: Date | string, now: Date = new Date()): boolean {
  return now.getTime() - new Date(createdAt).getTime() < COMMENT_EDIT_WINDOW_MS;
}
