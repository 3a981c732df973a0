"use client";
// The queue's filter fields and the request page's selects, drawn like MUI TextFields
// (small, outlined, full width) by static CSS (filter-fields.module.css) around native
// <input> and <select> elements: FormControl, InputLabel, OutlinedInput and NativeSelect
// were ~14 KB gzipped of the queue's first load (BENCHMARKS.md). Same parts as MUI's: a
// <label> that floats, the control, and a fieldset whose legend notches the outline for
// the floated label. The text boxes of forms (form-fields.tsx) use the same frame.
import { useId, type CSSProperties, type ReactNode } from "react";
import { ArrowDropDownIcon } from "@/components/layout/static-icons";
import styles from "./filter-fields.module.css";

export type FieldProps = { label: string; value: string; style?: CSSProperties };

/** The outline with its notch: the legend holds the label, invisible, to size the gap. */
export function NotchedOutline({ label }: { label: string }) {
  return (
    <fieldset aria-hidden className={styles.outline}>
      <legend className={styles.legend}>
        <span>{label}</span>
      </legend>
    </fieldset>
  );
}

type FrameProps = {
  id: string;
  label: string;
  /** The label sits up in the outline: always (true), never (false), or while the control shows text ("auto", by CSS). */
  shrink: boolean | "auto";
  style?: CSSProperties;
  /** The asterisk after the label (hidden from screen readers: the control says `required`). */
  required?: boolean;
  error?: boolean;
  /** The line under the field (FormHelperText), `${id}-helper-text` for aria-describedby. */
  helperText?: ReactNode;
  children: ReactNode;
};

/** The frame every field here shares: the wrapper, the floating label, the control and its outline. */
export function OutlinedFrame({ id, label, shrink, style, required, error, helperText, children }: FrameProps) {
  const mark = required ? "\u2009*" : "";
  return (
    <div
      className={shrink === "auto" ? `${styles.field} ${styles.autoShrink}` : styles.field}
      style={style}
      data-shrink={shrink === true ? "" : undefined}
      data-error={error ? "" : undefined}
    >
      <label className={styles.label} htmlFor={id}>
        {label}
        {mark && <span aria-hidden>{mark}</span>}
      </label>
      <div className={styles.box}>
        {children}
        <NotchedOutline label={label + mark} />
      </div>
      {helperText && (
        <p id={helperId(id)} className={styles.helper}>
          {helperText}
        </p>
      )}
    </div>
  );
}

export const helperId = (id: string) => `${id}-helper-text`;

/** An outlined text input with a floating label (TextField's look). */
export function OutlinedTextField({
  id: givenId,
  label,
  value,
  onChange,
  type = "text",
  style,
}: FieldProps & { id?: string; onChange: (value: string) => void; type?: "text" | "search" }) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <OutlinedFrame id={id} label={label} shrink={value !== ""} style={style}>
      <input id={id} className={styles.input} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </OutlinedFrame>
  );
}

/** A native <select> in an outlined frame with its label always up (TextField select native). */
export function NativeSelectField({
  label,
  value,
  onChange,
  children,
  style,
  disabled,
}: FieldProps & { onChange: (value: string) => void; children: ReactNode; disabled?: boolean }) {
  const id = useId();
  return (
    <OutlinedFrame id={id} label={label} shrink style={style}>
      <select id={id} className={`${styles.input} ${styles.select}`} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
      <ArrowDropDownIcon className={styles.arrow} />
    </OutlinedFrame>
  );
}
