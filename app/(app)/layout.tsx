import type { ReactNode } from "react";
import { connection } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/layout/app-header";
import { LiveUpdates } from "@/components/layout/live-updates";
import { currentEventId } from "@/lib/events/request-events";
import { CurrentUserProvider } from "@/components/layout/current-user";
import styles from "@/components/layout/app-header.module.css";

// Everything under (app) needs a signed-in user; the check runs on the server.
export default async function AppLayout({ children }: { children: ReactNode }) {
  // Only ever at request time (a build must not open the bus's database connection). The
  // id is taken before the session check, so before the page reads its data: the live
  // stream replays whatever changes after this point.
  await connection();
  const since = await currentEventId();
  const user = await requireUser();
  return (
    <CurrentUserProvider id={user.id}>
      <LiveUpdates since={since}>
        <AppHeader user={user} />
        <main className={styles.main}>{children}</main>
      </LiveUpdates>
    </CurrentUserProvider>
  );
}
