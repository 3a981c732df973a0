"use client";
import { formatDateTime, formatRelative } from "@/lib/format/time";

/**
 * "3 d ago", with the exact time on hover (the native title, which costs no JavaScript:
 * MUI's Tooltip and Popper were 12 KB gzipped of the queue's first load) and for
 * screen readers.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact} aria-label={exact} suppressHydrationWarning>
      {formatRelative(iso)}
    </time>
  );
}
