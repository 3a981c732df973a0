"use client";
// The export menu's popup, loaded on the first click (export-menu.tsx): MUI's Menu brings
// Popover, Modal and their transitions, which the queue does not need to show itself.
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import { exportUrl } from "@/lib/schemas/export";
import type { ListRequestsQuery } from "@/lib/schemas/request";

export function ExportMenuPopup({ view, anchor, close }: { view: ListRequestsQuery; anchor: HTMLElement | null; close: () => void }) {
  return (
    <Menu id="export-menu" anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
      {/* Plain links: the browser downloads the stream itself, with the session cookie. */}
      <MenuItem component="a" href={exportUrl(view, "csv")} download onClick={close}>
        <ListItemText primary="CSV" secondary="For spreadsheets" />
      </MenuItem>
      <MenuItem component="a" href={exportUrl(view, "json")} download onClick={close}>
        <ListItemText primary="JSON" secondary="For scripts and tools" />
      </MenuItem>
    </Menu>
  );
}
