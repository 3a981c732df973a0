"use client";
// The account menu's popup (API tokens; notification settings; People and Webhooks for admins; the API reference), loaded on the first click (user-menu.tsx): MUI's Menu brings
// Popover, Modal and their transitions, which no page needs before that. Rendered in
// place (no portal), so the menu stays inside the header's landmark.
import NextLink from "next/link";
import Divider from "@mui/material/Divider";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import KeyIcon from "@mui/icons-material/Key";
import MenuBookIcon from "@mui/icons-material/MenuBook";
import PeopleIcon from "@mui/icons-material/People";
import NotificationsIcon from "@mui/icons-material/NotificationsNone";
import WebhookIcon from "@mui/icons-material/Webhook";
import type { SessionUser } from "@/lib/auth/roles";

export function UserMenuPopup({ user, anchor, close }: { user: SessionUser; anchor: HTMLElement | null; close: () => void }) {
  return (
    <Menu
      id="user-menu"
      disablePortal
      anchorEl={anchor}
      open={Boolean(anchor)}
      onClose={close}
      anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
      transformOrigin={{ vertical: "top", horizontal: "right" }}
    >
      <MenuItem disabled sx={{ "&.Mui-disabled": { opacity: 1 } }}>
        <ListItemText primary={user.name} secondary={`${user.email} · ${user.role === "ADMIN" ? "Admin" : "Requester"}`} />
      </MenuItem>
      <Divider />
      <MenuItem component={NextLink} href="/settings/tokens" onClick={close}>
        <ListItemIcon>
          <KeyIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText primary="API tokens" />
      </MenuItem>
      <MenuItem component={NextLink} href="/settings/notifications" onClick={close}>
        <ListItemIcon>
          <NotificationsIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText primary="Notifications" />
      </MenuItem>
      {user.role === "ADMIN" && (
        <MenuItem component={NextLink} href="/admin/people" onClick={close}>
          <ListItemIcon>
            <PeopleIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary="People" />
        </MenuItem>
      )}
      {user.role === "ADMIN" && (
        <MenuItem component={NextLink} href="/settings/webhooks" onClick={close}>
          <ListItemIcon>
            <WebhookIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary="Webhooks" />
        </MenuItem>
      )}
      <MenuItem component="a" href="/api/docs" target="_blank" rel="noopener" onClick={close}>
        <ListItemIcon>
          <MenuBookIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText primary="API reference" />
      </MenuItem>
    </Menu>
  );
}
