"use client";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import CheckIcon from "@mui/icons-material/Check";
import { THEME_MODES, type ThemeMode } from "@/components/theme/theme-modes";

type Props = { anchor: HTMLElement; mode: string | undefined; onChoose: (mode: ThemeMode) => void; onClose: () => void };

/** System, Light, Dark — a choice of one (menuitemradio), the current one checked. */
export function ThemeMenu({ anchor, mode, onChoose, onClose }: Props) {
  return (
    // Rendered in place (no portal), so the menu stays inside the header's landmark.
    <Menu id="theme-menu" anchorEl={anchor} open onClose={onClose} disablePortal>
      {THEME_MODES.map(({ mode: m, label, Icon }) => (
        <MenuItem
          key={m}
          role="menuitemradio"
          aria-checked={mode === m}
          selected={mode === m}
          onClick={() => {
            onChoose(m);
            onClose();
          }}
        >
          <ListItemIcon>
            <Icon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{label}</ListItemText>
          {mode === m && <CheckIcon fontSize="small" sx={{ ml: 2 }} aria-hidden />}
        </MenuItem>
      ))}
    </Menu>
  );
}
