import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/layout/app-header";
import { LiveUpdates } from "@/components/layout/live-updates";
import { CurrentUserProvider } from "@/components/layout/current-user";
import styles from "@/components/layout/app-header.module.css";

// Everything under (app) needs a signed-in user; the check runs on the server.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <CurrentUserProvider id={user.id}>
      <LiveUpdates>
        <AppHeader user={user} />
        <main className={styles.main}>{children}</main>
      </LiveUpdates>
    </CurrentUserProvider>
  );
}
