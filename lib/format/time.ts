// Times as people read them: "3 d ago" in lists, the exact time on hover.

const UNITS: [limitSeconds: number, divisor: number, unit: string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86400, 3600, "h"],
  [86400 * 45, 86400, "d"],
  [86400 * 365, 86400 * 30, "mo"],
  [Infinity, 86400 * 365, "y"],
];

/** Compact age: "45 s", "12 min", "3 h", "5 d", "2 mo", "1 y". */
export function formatAge(fromIso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(fromIso).getTime()) / 1000));
  if (seconds < 30) return "just now";
  for (const [limit, divisor, unit] of UNITS) {
    if (seconds < limit) return `${Math.floor(seconds / divisor)} ${unit}`;
  }
  return "";
}

export function formatRelative(iso: string, now?: number): string {
  const age = formatAge(iso, now);
  return age === "just now" ? age : `${age} ago`;
}

/** "23 Nov 2026, 14:05 UTC" — unambiguous for a team spread over time zones. */
export function formatDateTime(iso: string): string {
  return `${new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  })} UTC`;
}

export function formatDate(isoDate: string): string {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}
