"use client";
// The header's bell: a link to /inbox with the unread count, kept current by the event
// stream (live-updates.tsx invalidates it on inbox.changed).
import { useQuery } from "@tanstack/react-query";
import { StaticIconLink } from "@/components/layout/static-button";
import { NotificationsNoneIcon } from "@/components/layout/static-icons";
import { unreadCountOptions } from "@/lib/queries/inbox";
import styles from "./inbox-bell.module.css";

export function InboxBell({ active }: { active: boolean }) {
  const { data: unread = 0 } = useQuery(unreadCountOptions());
  const label = unread ? `Inbox, ${unread} unread` : "Inbox";
  return (
    <StaticIconLink href="/inbox" color="inherit" aria-label={label} title={label} aria-current={active ? "page" : undefined} className={styles.bell}>
      <NotificationsNoneIcon />
      {unread > 0 && (
        <span className={styles.badge} aria-hidden data-testid="inbox-count">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </StaticIconLink>
  );
}
