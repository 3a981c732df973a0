// Request path → the route pattern it was served by, for logs and metric labels: never
// the raw path (ids, names) nor the query. API patterns are the OpenAPI paths declared
// in lib/openapi/endpoints.ts (/api/requests/{number}); pages are the folders under app/
// (/requests/[number]); anything else is one bounded label, UNMATCHED.
import { ENDPOINTS } from "@/lib/openapi/endpoints";

/** Every page under app/ (route groups left out); tests/api/observability.test.ts compares it with the folders. */
export const PAGE_PATTERNS = [
  "/",
  "/signin",
  "/requests",
  "/requests/new",
  "/requests/import",
  "/requests/[number]",
  "/requests/[number]/edit",
  "/datasets",
  "/datasets/[datasetName]",
  "/insights",
  "/settings/tokens",
  "/settings/notifications",
  "/inbox",
  "/settings/webhooks",
  "/admin/people",
  "/bench/empty",
  "/bench/frame",
] as const;

/** Served by routes that no endpoint declaration names one by one, and Next's own files. */
export const OTHER_PATTERNS = ["/api/auth/[...all]", "/_next/static/[...file]", "/_next/image", "/icon.svg", "/favicon.ico"] as const;

export const UNMATCHED = "(unmatched)";

type Node = { fixed: Map<string, Node>; param?: Node; rest?: string; pattern?: string };
const node = (): Node => ({ fixed: new Map() });

function add(root: Node, pattern: string) {
  let at = root;
  for (const segment of pattern.split("/").slice(1)) {
    if (segment === "") continue;
    if (/^(\[\.\.\.[^\]]+\]|\{\.\.\.[^}]+\})$/.test(segment)) {
      at.rest ??= pattern;
      return;
    }
    if (/^(\[[^\]]+\]|\{[^}]+\})$/.test(segment)) at = at.param ??= node();
    else {
      let next = at.fixed.get(segment);
      if (!next) at.fixed.set(segment, (next = node()));
      at = next;
    }
  }
  at.pattern ??= pattern;
}

let root: Node | undefined;
function table(): Node {
  if (!root) {
    root = node();
    for (const e of ENDPOINTS) add(root, e.path);
    for (const p of [...PAGE_PATTERNS, ...OTHER_PATTERNS]) add(root, p);
  }
  return root;
}

/** Fixed segments win over parameters, as in Next's router; a catch-all takes one segment or more. */
function match(at: Node, segments: string[], i: number): string | undefined {
  if (i === segments.length) return at.pattern;
  const fixed = at.fixed.get(segments[i]!);
  const found = (fixed && match(fixed, segments, i + 1)) ?? (at.param && match(at.param, segments, i + 1));
  return found ?? at.rest;
}

/** `path` as received, without its query (the query is ignored if present). */
export function routePattern(path: string): string {
  let p = path;
  const q = p.indexOf("?");
  if (q !== -1) p = p.slice(0, q);
  // Next's prefetches of a page (/requests.rsc, /requests.segments/…) count as the page.
  if (p.includes(".rsc") || p.includes(".segments/")) p = p.replace(/\.segments\/.*$|(\.prefetch)?\.rsc$/, "");
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p === "/") return table().pattern ?? UNMATCHED;
  if (p.charCodeAt(0) !== 47 /* / */) return UNMATCHED;
  return match(table(), p.slice(1).split("/"), 0) ?? UNMATCHED;
}
