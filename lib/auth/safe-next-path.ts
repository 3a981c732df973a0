const HOME = "/requests";
// A stand-in origin: a path that resolves anywhere else was not a path on this site.
const HERE = "http://kvstore.invalid";

/**
 * Where to go after signing in: only a path on this site, never another origin. Browsers
 * drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" and
 * "/\evil.example" lead off-site: the path is judged after the same normalisation (the
 * WHATWG URL parser's), and anything with control characters is refused outright (a
 * newline in a Location header is a 500, or header injection).
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return HOME;
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return HOME;
  }
  if (url.origin !== HERE) return HOME;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? HOME : path;
}
