"use client";
import Tooltip from "@mui/material/Tooltip";
import { formatDateTime, formatRelative } from "@/lib/format/time";

/** "3 d ago", with the exact time on hover and for screen readers. */
export function RelativeTime({ iso }: { iso: string }) {
  const exact = formatDateTime(iso);
  return (
    <Tooltip title={exact}>
      <time dateTime={iso} aria-label={exact} suppressHydrationWarning>
        {formatRelative(iso)}
      </time>
    </Tooltip>
  );
}
