"use client";
// A native checkbox drawn as MUI's Checkbox (the input stays, invisible, on top of the
// icon): the queue's row selection (small, in a table's checkbox cell), the migration
// checklist (medium, beside its label) and the request form's regions, without Checkbox, SwitchBase and ButtonBase in
// the page's JavaScript. The paths are MUI's CheckBoxOutlineBlank, CheckBox and
// IndeterminateCheckBox.
import { useEffect, useRef, type FocusEventHandler } from "react";
import styles from "./static-checkbox.module.css";

const BOX_PATHS = {
  unchecked: "M19 5v14H5V5h14m0-2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2z",
  checked: "M19 3H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.11 0 2-.9 2-2V5c0-1.1-.89-2-2-2zm-9 14l-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8l-9 9z",
  indeterminate: "M19 3H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2zm-2 10H7v-2h10v2z",
};

type Props = {
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  /** The accessible name, when no <label> around it gives one. */
  label?: string;
  /**
   * small: 20 px, no padding (a table cell); medium: 24 px in MUI's 9 px padding; field:
   * 20 px in the 9 px padding (size="small" beside a label, as the request form's regions).
   */
  size?: "small" | "medium" | "field";
};

export function StaticCheckbox({ checked, indeterminate = false, disabled, onChange, onBlur, label, size = "small" }: Props) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current) input.current.indeterminate = indeterminate;
  }, [indeterminate]);
  const state = indeterminate ? "indeterminate" : checked ? "checked" : "unchecked";
  const classes = [styles.checkbox, size !== "small" && styles[size], state !== "unchecked" && styles.checked].filter(Boolean).join(" ");
  return (
    <span className={classes} data-focus-ring>
      <input
        ref={input}
        type="checkbox"
        className={styles.input}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={onBlur}
        aria-label={label}
      />
      <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden focusable="false">
        <path d={BOX_PATHS[state]} />
      </svg>
    </span>
  );
}
