"use client";
// The status filter: several statuses at once, chosen from a menu of checkboxes. It
// looks and answers like MUI's multiple Select (a combobox; options with checkboxes;
// Enter, Space or the arrow keys open it; Escape closes it), but the menu's code
// (Menu, Popover, Modal, focus trap) loads when the field is first hovered or focused
// instead of with the page: it is not needed to show the queue.
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import FormControl from "@mui/material/FormControl";
import InputLabel from "@mui/material/InputLabel";
import OutlinedInput from "@mui/material/OutlinedInput";
import ArrowDropDown from "@mui/icons-material/ArrowDropDown";
import type { SxProps, Theme } from "@mui/material/styles";
import { LABELS, REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";

const loadMenu = () => import("@/components/requests/status-filter-menu");
const StatusFilterMenu = lazy(loadMenu);

type Props = { value: RequestStatus[]; onChange: (value: RequestStatus[]) => void; sx?: SxProps<Theme> };

export function StatusFilter({ value, onChange, sx }: Props) {
  const id = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  // Clicks can come faster than the URL (and so `value`) updates: build on the last choice.
  const [chosen, setChosen] = useState(value);
  const latest = useRef(value);
  const key = value.join(",");
  useEffect(() => {
    latest.current = value;
    setChosen(value);
    // `value` is a new array on every render; its contents are what matter.
  }, [key]);
  function toggle(status: RequestStatus) {
    const current = latest.current;
    latest.current = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
    setChosen(latest.current);
    onChange(latest.current);
  }


  const text = chosen.length === REQUEST_STATUSES.length ? "Any" : chosen.map((s) => LABELS.status[s]).join(", ");

  function show() {
    setLoaded(true);
    setOpen(true);
  }
  function onKeyDown(e: KeyboardEvent) {
    if ([" ", "Enter", "ArrowDown", "ArrowUp"].includes(e.key)) {
      e.preventDefault();
      show();
    }
  }
  return (
    <FormControl size="small" fullWidth sx={sx} ref={anchor} onPointerEnter={() => void loadMenu()} onFocus={() => void loadMenu()}>
      <InputLabel htmlFor={id} id={`${id}-label`}>
        Status
      </InputLabel>
      <OutlinedInput
        id={id}
        label="Status"
        value={text}
        readOnly
        onClick={show}
        onKeyDown={onKeyDown}
        endAdornment={<ArrowDropDown sx={{ color: "action.active", mr: -0.75, pointerEvents: "none" }} />}
        inputProps={{ role: "combobox", "aria-haspopup": "listbox", "aria-expanded": open, "aria-controls": open ? `${id}-menu` : undefined }}
        sx={{ cursor: "pointer", "& input": { cursor: "pointer", textOverflow: "ellipsis" } }}
      />
      {loaded && (
        <Suspense fallback={null}>
          <StatusFilterMenu
            id={`${id}-menu`}
            labelId={`${id}-label`}
            anchorEl={anchor.current}
            open={open}
            onClose={() => setOpen(false)}
            value={chosen}
            onToggle={toggle}
          />
        </Suspense>
      )}
    </FormControl>
  );
}
