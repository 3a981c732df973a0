"use client";
// The status filter's menu, loaded on demand by status-filter.tsx.
import Checkbox from "@mui/material/Checkbox";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import { LABELS, REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";

type Props = {
  id: string;
  labelId: string;
  anchorEl: HTMLElement | null;
  open: boolean;
  onClose: () => void;
  value: RequestStatus[];
  onToggle: (status: RequestStatus) => void;
};

export default function StatusFilterMenu({ id, labelId, anchorEl, open, onClose, value, onToggle }: Props) {
  return (
    <Menu
      id={id}
      anchorEl={anchorEl}
      open={open && anchorEl !== null}
      onClose={onClose}
      // Where and how MUI's Select opens its menu.
      anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
      transformOrigin={{ vertical: "top", horizontal: "center" }}
      slotProps={{
        paper: { style: { minWidth: anchorEl?.clientWidth } },
        list: { role: "listbox", "aria-multiselectable": true, "aria-labelledby": labelId, disableListWrap: true },
      }}
    >
      {REQUEST_STATUSES.map((s) => (
        <MenuItem key={s} role="option" aria-selected={value.includes(s)} selected={value.includes(s)} onClick={() => onToggle(s)}>
          <Checkbox size="small" checked={value.includes(s)} tabIndex={-1} disableRipple />
          <ListItemText primary={LABELS.status[s]} />
        </MenuItem>
      ))}
    </Menu>
  );
}
