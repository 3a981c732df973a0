"use client";
// The status filter: several statuses at once, chosen from a menu of checkboxes. It
// looks and answers like MUI's multiple Select (a combobox; options with checkboxes;
// Enter, Space or the arrow keys open it; Escape closes it), but the menu's code
// (Menu, Popover, Modal, focus trap) loads when the field is first hovered or focused
// instead of with the page: it is not needed to show the queue.
import { lazy, Suspense, useId, useState, type CSSProperties, type KeyboardEvent } from "react";
import { LABELS, REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/requests/options";
import { NotchedOutline } from "@/components/requests/filter-fields";
import { ArrowDropDownIcon } from "@/components/layout/static-icons";
import styles from "./filter-fields.module.css";

const loadMenu = () => import("@/components/requests/status-filter-menu");
const StatusFilterMenu = lazy(loadMenu);

type Props = { value: RequestStatus[]; onChange: (value: RequestStatus[]) => void; style?: CSSProperties };

export function StatusFilter({ value, onChange, style }: Props) {
  const id = useId();
  const [anchor, setAnchor] = useState<HTMLDivElement | null>(null);
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  // Clicks can come faster than the URL (and so `value`) updates: build on the last choice,
  // and take the URL's again when it changes (`value` is a new array on every render; its
  // contents are what matter). Adjusted while rendering, as React advises, not in an effect.
  const [chosen, setChosen] = useState(value);
  const key = value.join(",");
  const [chosenFor, setChosenFor] = useState(key);
  if (key !== chosenFor) {
    setChosenFor(key);
    setChosen(value);
  }
  function toggle(status: RequestStatus) {
    const next = chosen.includes(status) ? chosen.filter((s) => s !== status) : [...chosen, status];
    setChosen(next);
    onChange(next);
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
    // Drawn as MUI's outlined field (filter-fields.module.css); the <input> is the combobox.
    <div
      className={styles.field}
      style={style}
      data-shrink={text !== "" ? "" : undefined}
      ref={setAnchor}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
    >
      <label className={styles.label} htmlFor={id} id={`${id}-label`}>
        Status
      </label>
      <div className={`${styles.box} ${styles.combobox}`} onClick={show}>
        <input
          id={id}
          className={styles.input}
          type="text"
          value={text}
          readOnly
          onKeyDown={onKeyDown}
          role="combobox"
          aria-haspopup="listbox"
          aria-expanded={open}
          aria-controls={open ? `${id}-menu` : undefined}
        />
        <ArrowDropDownIcon className={styles.endArrow} />
        <NotchedOutline label="Status" />
      </div>
      {loaded && (
        <Suspense fallback={null}>
          <StatusFilterMenu
            id={`${id}-menu`}
            labelId={`${id}-label`}
            anchorEl={anchor}
            open={open}
            onClose={() => setOpen(false)}
            value={chosen}
            onToggle={toggle}
          />
        </Suspense>
      )}
    </div>
  );
}
