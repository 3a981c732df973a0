import type { ReactNode } from "react";
import Container from "@mui/material/Container";
import { requireUser } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/layout/app-header";
import { LiveUpdates } from "@/components/layout/live-updates";

// Everything under (app) needs a signed-in user; the check runs on the server.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <LiveUpdates>
      <AppHeader user={user} />
      <Container component="main" maxWidth="xl" sx={{ py: { xs: 2, sm: 3 } }}>
        {children}
      </Container>
    </LiveUpdates>
  );
}
