// A native checkbox with role="switch" drawn as MUI's Switch (medium, primary): the
// request form's "Backups", without Switch, SwitchBase and ButtonBase in the form's
// JavaScript (issue #20). The input stays, invisible, over the thumb as MUI's does.
import type { FocusEventHandler } from "react";
import styles from "./static-switch.module.css";

type Props = {
  checked: boolean;
  onChange: (checked: boolean) => void;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  name?: string;
};

export function StaticSwitch({ checked, onChange, onBlur, name }: Props) {
  return (
    <span className={styles.root}>
      <span className={checked ? `${styles.base} ${styles.checked}` : styles.base} data-focus-ring>
        <input
          type="checkbox"
          role="switch"
          className={styles.input}
          name={name}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          onBlur={onBlur}
        />
        <span className={styles.thumb} />
      </span>
      <span className={styles.track} />
    </span>
  );
}
