// A comment's words: text nodes and http(s) links (lib/domain/requests/comment-text.ts),
// line breaks kept. Never HTML: whatever the comment holds is shown as typed. Links are
// MUI's Link in static CSS: comments render on the server (request-activity.tsx).
import { commentPieces } from "@/lib/domain/requests/comment-text";
import ui from "@/components/layout/static-page.module.css";

export function CommentText({ body }: { body: string }) {
  return commentPieces(body).map((piece, i) =>
    piece.kind === "link" ? (
      <a key={i} className={ui.link} href={piece.href} target="_blank" rel="noopener noreferrer">
        {piece.text}
      </a>
    ) : (
      piece.text
    ),
  );
}
