"use client";
// "Views" beside the queue's presets: the presets and the person's saved views in one
// menu, with "Save view…". The button is static; the menu and the save dialog load on
// first use (MUI's Popover, Dialog, the form and zod stay out of the queue's first load).
import { useState } from "react";
import dynamic from "next/dynamic";
import type { Role } from "@/lib/auth/roles";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { StaticButton } from "@/components/layout/static-button";
import { BookmarkBorderIcon } from "@/components/layout/static-icons";

const ViewMenuPopup = dynamic(() => import("@/components/requests/view-menu-popup").then((m) => m.ViewMenuPopup), { ssr: false });
const SaveViewDialog = dynamic(() => import("@/components/requests/save-view-dialog").then((m) => m.SaveViewDialog), { ssr: false });

export function ViewMenu({ view, role, live }: { view: ListRequestsQuery; role: Role; live: boolean }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  const [saving, setSaving] = useState(false);
  return (
    <>
      <StaticButton
        variant="outlined"
        size="small"
        startIcon={<BookmarkBorderIcon fontSize="small" />}
        aria-haspopup="dialog"
        aria-expanded={anchor ? "true" : "false"}
        onClick={(e) => {
          setOpened(true);
          setAnchor(e.currentTarget);
        }}
      >
        Views
      </StaticButton>
      {/* Mounted from the first click on, so it keeps its closing transition. */}
      {opened && (
        <ViewMenuPopup
          view={view}
          role={role}
          live={live}
          anchor={anchor}
          close={() => setAnchor(null)}
          onSave={() => {
            setAnchor(null);
            setSaving(true);
          }}
        />
      )}
      {saving && <SaveViewDialog view={view} onClose={() => setSaving(false)} />}
    </>
  );
}
