"use client";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { SessionUser } from "@/lib/auth/roles";
import { OutlinedChip } from "@/components/layout/outlined-chip";
import { StaticButton, StaticIconButton, StaticLinkButton } from "@/components/layout/static-button";
import { LogoutIcon } from "@/components/layout/static-icons";
import { UserMenu } from "@/components/layout/user-menu";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { InboxBell } from "@/components/notifications/inbox-bell";
import styles from "./app-header.module.css";

export function AppHeader({ user }: { user: SessionUser }) {
  const pathname = usePathname();
  const router = useRouter();
  const queryClient = useQueryClient();

  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    queryClient.clear();
    router.replace("/signin");
    router.refresh();
  }

  const onRequests = pathname === "/requests" || (pathname.startsWith("/requests/") && pathname !== "/requests/new");
  const onInsights = pathname === "/insights";
  const onDatasets = pathname === "/datasets" || pathname.startsWith("/datasets/");
  return (
    <header className={styles.bar}>
      <div className={styles.toolbar}>
        <span className={styles.brand}>
          {/* Phones get the short name, so the header fits on one line at 375 px. */}
          KV
          <span className={styles.wide}>Store</span>
        </span>
        <nav aria-label="Main" className={styles.nav}>
          <StaticLinkButton href="/requests" prefetchOnIntent color={onRequests ? "primary" : "inherit"} aria-current={onRequests ? "page" : undefined}>
            Requests
          </StaticLinkButton>
          <StaticLinkButton href="/datasets" prefetchOnIntent color={onDatasets ? "primary" : "inherit"} aria-current={onDatasets ? "page" : undefined}>
            Datasets
          </StaticLinkButton>
          <StaticLinkButton href="/insights" prefetchOnIntent color={onInsights ? "primary" : "inherit"} aria-current={onInsights ? "page" : undefined}>
            Insights
          </StaticLinkButton>
        </nav>
        <div className={styles.end}>
          <InboxBell active={pathname === "/inbox"} />
          <UserMenu user={user} />
          {user.role === "ADMIN" && (
            <span className={styles.role}>
              <OutlinedChip label="Admin" size="small" color="secondary" />
            </span>
          )}
          <ThemeToggle />
          {/* Phones get the icon alone, so the header (three links, the bell) fits on one line at 375 px. */}
          <StaticButton color="inherit" onClick={signOut} className={styles.signOutWords}>
            Sign out
          </StaticButton>
          <StaticIconButton color="inherit" aria-label="Sign out" title="Sign out" onClick={signOut} className={styles.signOutIcon}>
            <LogoutIcon />
          </StaticIconButton>
        </div>
      </div>
    </header>
  );
}
