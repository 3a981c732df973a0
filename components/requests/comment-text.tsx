// A comment's words: text nodes and http(s) links (lib/domain/requests/comment-text.ts),
// line breaks kept. Never HTML: whatever the comment holds is shown as typed.
import Link from "@mui/material/Link";
import { commentPieces } from "@/lib/domain/requests/comment-text";

export function CommentText({ body }: { body: string }) {
  return commentPieces(body).map((piece, i) =>
    piece.kind === "link" ? (
      <Link key={i} href={piece.href} target="_blank" rel="noopener noreferrer">
        {piece.text}
      </Link>
    ) : (
      piece.text
    ),
  );
}
