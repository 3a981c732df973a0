"use client";
// "Export" on the queue: the current view (filters and sort, every page) as a file.
import { useState } from "react";
import Button from "@mui/material/Button";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import DownloadIcon from "@mui/icons-material/Download";
import { exportUrl } from "@/lib/schemas/export";
import type { ListRequestsQuery } from "@/lib/schemas/request";

export function ExportMenu({ view }: { view: ListRequestsQuery }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DownloadIcon />}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "export-menu" : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        Export
      </Button>
      <Menu id="export-menu" anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
        {/* Plain links: the browser downloads the stream itself, with the session cookie. */}
        <MenuItem component="a" href={exportUrl(view, "csv")} download onClick={close}>
          <ListItemText primary="CSV" secondary="For spreadsheets" />
        </MenuItem>
        <MenuItem component="a" href={exportUrl(view, "json")} download onClick={close}>
          <ListItemText primary="JSON" secondary="For scripts and tools" />
        </MenuItem>
      </Menu>
    </>
  );
}
