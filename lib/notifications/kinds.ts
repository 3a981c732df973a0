// The kinds of mail a person can turn on or off (/settings/notifications). Client-safe.

export const EMAIL_KINDS = [
  { kind: "request.status_changed", label: "Status changes", hint: "With the note: Needs info says what is needed" },
  { kind: "request.commented", label: "Comments", hint: "On requests you watch, and wherever someone @mentions you" },
  { kind: "request.assigned", label: "Assignments", hint: "A request you watch is assigned, or assigned to you" },
  { kind: "request.updated", label: "Edits", hint: "A request you watch is edited" },
  { kind: "digest", label: "Daily digest of stale requests", hint: "Admins: the requests open too long in their status, once a day" },
] as const;

export type EmailKind = (typeof EMAIL_KINDS)[number]["kind"];
export const EMAIL_KIND_IDS = EMAIL_KINDS.map((k) => k.kind) as [EmailKind, ...EmailKind[]];
