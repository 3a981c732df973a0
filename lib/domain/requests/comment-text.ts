// A comment's text as pieces to render: plain text, and http(s) links. Components render
// the pieces as text nodes and <a> elements (never HTML), so a comment can hold no markup
// and no other scheme (javascript:, data:, mailto:…) ever becomes a link.

export type CommentPiece = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// A run of non-space characters starting with http:// or https://; the characters that
// usually close a sentence or a bracket around the link are trimmed off its end below.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'’”)\]}>]+$/;

function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Splits text into text and link pieces; joining every piece's text gives the input back. */
export function commentPieces(body: string): CommentPiece[] {
  const pieces: CommentPiece[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (!text) return;
    const prev = pieces[pieces.length - 1];
    if (prev?.kind === "text") prev.text += text;
    else pieces.push({ kind: "text", text });
  };
  for (const match of body.matchAll(URL_CANDIDATE)) {
    let text = match[0];
    // Keep a closing bracket that the link itself opened: https://en.wikipedia.org/wiki/X_(y)
    let trailing = TRAILING.exec(text)?.[0] ?? "";
    while (trailing.startsWith(")") && count(text.slice(0, text.length - trailing.length), "(") > count(text.slice(0, text.length - trailing.length), ")")) {
      trailing = trailing.slice(1);
    }
    text = text.slice(0, text.length - trailing.length);
    const href = safeHref(text);
    pushText(body.slice(last, match.index));
    if (href) pieces.push({ kind: "link", text, href });
    else pushText(text);
    pushText(trailing);
    last = match.index + match[0].length;
  }
  pushText(body.slice(last));
  return pieces;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
