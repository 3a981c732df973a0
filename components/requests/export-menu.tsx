"use client";
// "Export" on the queue: the current view (filters and sort, every page) as a file.
import { useState } from "react";
import dynamic from "next/dynamic";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { StaticButton } from "@/components/layout/static-button";
import { DownloadIcon } from "@/components/layout/static-icons";

const ExportMenuPopup = dynamic(() => import("@/components/requests/export-menu-popup").then((m) => m.ExportMenuPopup), { ssr: false });

export function ExportMenu({ view }: { view: ListRequestsQuery }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  const close = () => setAnchor(null);
  return (
    <>
      <StaticButton
        variant="outlined"
        startIcon={<DownloadIcon />}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "export-menu" : undefined}
        onClick={(e) => {
          setOpened(true);
          setAnchor(e.currentTarget);
        }}
      >
        Export
      </StaticButton>
      {/* Mounted from the first click on, so it keeps its closing transition. */}
      {opened && <ExportMenuPopup view={view} anchor={anchor} close={close} />}
    </>
  );
}
