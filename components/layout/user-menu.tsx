"use client";
// The signed-in person's menu in the header: who they are, their API tokens and the API
// reference. (Sign out stays a button of its own beside it.) Rendered in place (no
// portal), so the menu stays inside the header's landmark.
import { useState } from "react";
import NextLink from "next/link";
import Avatar from "@mui/material/Avatar";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Typography from "@mui/material/Typography";
import KeyIcon from "@mui/icons-material/Key";
import MenuBookIcon from "@mui/icons-material/MenuBook";
import type { SessionUser } from "@/lib/auth/roles";

export function UserMenu({ user }: { user: SessionUser }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  return (
    <>
      <Button
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "user-menu" : undefined}
        aria-label={`Account: ${user.name}`}
        startIcon={<Avatar sx={{ width: 24, height: 24, fontSize: "0.8rem", bgcolor: "primary.main" }}>{user.name.slice(0, 1).toUpperCase()}</Avatar>}
        sx={{ minWidth: 0, "& .MuiButton-startIcon": { mr: { xs: 0, sm: 1 } } }}
      >
        <Typography component="span" variant="body2" sx={{ display: { xs: "none", sm: "inline" } }}>
          {user.name}
        </Typography>
      </Button>
      <Menu id="user-menu" disablePortal anchorEl={anchor} open={Boolean(anchor)} onClose={close} anchorOrigin={{ vertical: "bottom", horizontal: "right" }} transformOrigin={{ vertical: "top", horizontal: "right" }}>
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
        <MenuItem component="a" href="/api/docs" target="_blank" rel="noopener" onClick={close}>
          <ListItemIcon>
            <MenuBookIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary="API reference" />
        </MenuItem>
      </Menu>
    </>
  );
}
