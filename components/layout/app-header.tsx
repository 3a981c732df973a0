"use client";
import NextLink from "next/link";
import { usePathname, useRouter } from "next/navigation";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import type { SessionUser } from "@/lib/auth/roles";
import { OutlinedChip } from "@/components/layout/outlined-chip";
import { UserMenu } from "@/components/layout/user-menu";
import { ThemeToggle } from "@/components/theme/theme-toggle";
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
  return (
    <header className={styles.bar}>
      <div className={styles.toolbar}>
        <Typography component="span" variant="h6" sx={{ fontWeight: 700, mr: { xs: 0, sm: 2 } }}>
          {/* Phones get the short name, so the header fits on one line at 375 px. */}
          KV
          <Box component="span" sx={{ display: { xs: "none", sm: "inline" } }}>
            Store
          </Box>
        </Typography>
        <Box component="nav" aria-label="Main" sx={{ display: "flex", gap: { xs: 0, sm: 1 }, flexGrow: 1 }}>
          <Button component={NextLink} href="/requests" color={onRequests ? "primary" : "inherit"} aria-current={onRequests ? "page" : undefined}>
            Requests
          </Button>
          <Button component={NextLink} href="/insights" color={onInsights ? "primary" : "inherit"} aria-current={onInsights ? "page" : undefined}>
            Insights
          </Button>
        </Box>
        <Box sx={{ display: "flex", alignItems: "center", gap: { xs: 0, sm: 1 } }}>
          <UserMenu user={user} />
          {user.role === "ADMIN" && (
            <span className={styles.role}>
              <OutlinedChip label="Admin" size="small" color="secondary" />
            </span>
          )}
          <ThemeToggle />
          <Button color="inherit" onClick={signOut}>
            Sign out
          </Button>
        </Box>
      </div>
    </header>
  );
}
