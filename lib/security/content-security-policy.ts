// The Content-Security-Policy of every page. Scripts run only from this origin or with
// the per-request nonce (Next.js puts it on its own scripts; MUI's color-scheme script
// gets it from the root layout). Styles allow inline because Emotion (MUI) injects
// style tags and attributes at run time; nothing else may load from anywhere else, and
// no site may frame ours.
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // React's dev tooling needs eval; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
