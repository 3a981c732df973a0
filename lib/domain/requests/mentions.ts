// `@alice` in a comment names the person whose email starts with "alice@". Client-safe.

const MENTION = /(?:^|[^\w.@/])@([a-z0-9][a-z0-9._+-]{0,63})/gi;

/** The email local parts a comment mentions, lower-cased, each once, in order. */
export function mentionedLocalParts(body: string): string[] {
  const found = [...body.matchAll(MENTION)].map((m) => m[1]!.toLowerCase().replace(/[.]+$/, ""));
  return [...new Set(found.filter(Boolean))];
}
