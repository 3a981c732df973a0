"use client";
import NextLink from "next/link";
import { usePathname, useRouter } from "next/navigation";
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import type { SessionUser } from "@/lib/auth/roles";
import { UserMenu } from "@/components/layout/user-menu";

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
  return (
    <AppBar position="sticky" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: "divider" }}>
      <Toolbar sx={{ gap: { xs: 1, sm: 2 }, flexWrap: "wrap" }}>
        <Typography component="span" variant="h6" sx={{ fontWeight: 700, mr: { xs: 0, sm: 2 } }}>
          KVStore
        </Typography>
        <Box component="nav" aria-label="Main" sx={{ display: "flex", gap: 1, flexGrow: 1 }}>
          <Button component={NextLink} href="/requests" color={onRequests ? "primary" : "inherit"} aria-current={onRequests ? "page" : undefined}>
            Requests
          </Button>
        </Box>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          <UserMenu user={user} />
          {user.role === "ADMIN" && <Chip label="Admin" size="small" color="secondary" variant="outlined" />}
          <Button color="inherit" onClick={signOut}>
            Sign out
          </Button>
        </Box>
      </Toolbar>
    </AppBar>
  );
}
