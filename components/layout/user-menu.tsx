"use client";
// The signed-in person's menu in the header: who they are, their API tokens and the API
// reference. (Sign out stays a button of its own beside it.) Rendered in place (no
// portal), so the menu stays inside the header's landmark.
import { useState } from "react";
import dynamic from "next/dynamic";
import type { SessionUser } from "@/lib/auth/roles";
import { StaticButton } from "@/components/layout/static-button";
import styles from "./app-header.module.css";

const UserMenuPopup = dynamic(() => import("@/components/layout/user-menu-popup").then((m) => m.UserMenuPopup), { ssr: false });

export function UserMenu({ user }: { user: SessionUser }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  const close = () => setAnchor(null);
  return (
    <>
      <StaticButton
        color="inherit"
        onClick={(e) => {
          setOpened(true);
          setAnchor(e.currentTarget);
        }}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "user-menu" : undefined}
        // Begins with the visible text (the name, from sm on), as WCAG 2.5.3 asks; on phones
        // only the avatar shows, and its initial is drawn by CSS (app-header.module.css).
        aria-label={`${user.name}, account menu`}
        startIcon={<span className={styles.avatar} data-initial={user.name.slice(0, 1).toUpperCase()} aria-hidden="true" />}
        className={styles.account}
      >
        <span className={styles.accountName}>{user.name}</span>
      </StaticButton>
      {/* Mounted from the first click on, so it keeps its closing transition. */}
      {opened && <UserMenuPopup user={user} anchor={anchor} close={close} />}
    </>
  );
}
