"use client";
// "Export" on the queue: the current view (filters and sort, every page) as a file.
import dynamic from "next/dynamic";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { StaticButton } from "@/components/layout/static-button";
import { usePopupAnchor } from "@/components/hooks/use-popup-anchor";
import { DownloadIcon } from "@/components/layout/static-icons";

const ExportMenuPopup = dynamic(() => import("@/components/requests/export-menu-popup").then((m) => m.ExportMenuPopup), { ssr: false });

export function ExportMenu({ view }: { view: ListRequestsQuery }) {
  const { anchor, opened, open, close } = usePopupAnchor();
  return (
    <>
      <StaticButton
        variant="outlined"
        startIcon={<DownloadIcon />}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "export-menu" : undefined}
        onClick={open}
      >
        Export
      </StaticButton>
      {opened && <ExportMenuPopup view={view} anchor={anchor} close={close} />}
    </>
  );
}
