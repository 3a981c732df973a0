// One comment in the request's timeline as it reads: its author, "(edited)", its words,
// or "Comment deleted". The server draws every comment with it (request-activity.tsx);
// the author's own comment, which they may edit or delete for 15 minutes, is a client
// component (request-comments.tsx) that draws it too, with its controls in the slots.
import type { ReactNode } from "react";
import type { CommentDto } from "@/lib/schemas/request";
import { CommentText } from "@/components/requests/comment-text";
import styles from "./request-activity.module.css";

type Props = {
  comment: CommentDto;
  /** Between the heading and the words: an error from the last edit. */
  notice?: ReactNode;
  /** In place of the words: the edit box. */
  editor?: ReactNode;
  /** After the words: Edit and Delete, or the deletion's confirmation. */
  children?: ReactNode;
};

export function CommentView({ comment, notice, editor, children }: Props) {
  if (comment.deletedAt !== null) {
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
      {notice}
      {editor ?? (
        <p className={styles.body}>
          <CommentText body={comment.body} />
        </p>
      )}
      {children}
    </div>
  );
}
