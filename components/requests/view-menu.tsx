"use client";
// "Views" beside the queue's presets: the presets and the person's saved views in one
// menu, with "Save view…". The button is static; the menu and the save dialog load on
// first use (MUI's Popover, Dialog, the form and zod stay out of the queue's first load).
import { useState } from "react";
import dynamic from "next/dynamic";
import type { Role } from "@/lib/auth/roles";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { StaticButton } from "@/components/layout/static-button";
import { usePopupAnchor } from "@/components/hooks/use-popup-anchor";
import { BookmarkBorderIcon } from "@/components/layout/static-icons";

const ViewMenuPopup = dynamic(() => import("@/components/requests/view-menu-popup").then((m) => m.ViewMenuPopup), { ssr: false });
const SaveViewDialog = dynamic(() => import("@/components/requests/save-view-dialog").then((m) => m.SaveViewDialog), { ssr: false });

export function ViewMenu({ view, role, live }: { view: ListRequestsQuery; role: Role; live: boolean }) {
  const { anchor, opened, open, close } = usePopupAnchor();
  const [saving, setSaving] = useState(false);
  return (
    <>
      <StaticButton
        variant="outlined"
        size="small"
        startIcon={<BookmarkBorderIcon fontSize="small" />}
        aria-haspopup="dialog"
        aria-expanded={anchor ? "true" : "false"}
        onClick={open}
      >
        Views
      </StaticButton>
      {opened && (
        <ViewMenuPopup
          view={view}
          role={role}
          live={live}
          anchor={anchor}
          close={close}
          onSave={() => {
            close();
            setSaving(true);
          }}
        />
      )}
      {saving && <SaveViewDialog view={view} onClose={() => setSaving(false)} />}
    </>
  );
}
