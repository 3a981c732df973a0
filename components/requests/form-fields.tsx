// Text boxes of forms in the outlined frame the queue's filters use (filter-fields.tsx):
// the request form's fields (request-form.tsx), native <input>, <textarea> and <select>
// elements registered with react-hook-form, with MUI TextField's required mark, error
// state and helper line; and the comment box (OutlinedTextArea). MUI's TextField, Grid,
// Paper and their emotion styles were most of the new request page's JavaScript and of
// its start-up on a phone (issue #20, BENCHMARKS.md). Not in the queue's first load.
import { useId, type CSSProperties, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { ArrowDropDownIcon } from "@/components/layout/static-icons";
import { helperId, OutlinedFrame, type FieldProps } from "@/components/requests/filter-fields";
import styles from "./filter-fields.module.css";

/** A field bound to the form: its registration, id, label, error and the line under it. */
export type BoundField = {
  registration: UseFormRegisterReturn;
  id: string;
  label: string;
  error: boolean;
  helperText?: ReactNode;
  required?: boolean;
};

/** What MUI puts on the control of a TextField: required, aria-invalid, aria-describedby. */
const controlProps = ({ registration, id, error, helperText, required }: BoundField) => ({
  ...registration,
  id,
  required,
  "aria-invalid": error,
  "aria-describedby": helperText ? helperId(id) : undefined,
});

/** What the outlined frame shows around it: the label, its mark, the error and the line under it. */
const frameProps = ({ id, label, required, error, helperText }: BoundField) => ({ id, label, required, error, helperText });

type InputProps = Pick<InputHTMLAttributes<HTMLInputElement>, "type" | "inputMode" | "min" | "max" | "step">;

/** A text, number, e-mail or date box. Its label floats while it shows text (dates: always). */
export function FormInput({ type = "text", inputMode, min, max, step, ...field }: BoundField & InputProps) {
  return (
    <OutlinedFrame {...frameProps(field)} shrink={type === "date" ? true : "auto"}>
      <input {...controlProps(field)} className={styles.input} type={type} inputMode={inputMode} min={min} max={max} step={step} placeholder=" " />
    </OutlinedFrame>
  );
}

/** A box of several lines that grows with its text (TextField multiline). */
export function FormTextArea({ minRows = 2, ...field }: BoundField & { minRows?: number }) {
  return (
    <OutlinedFrame {...frameProps(field)} shrink="auto">
      <textarea {...controlProps(field)} className={`${styles.input} ${styles.textarea}`} style={{ "--rows": minRows } as CSSProperties} placeholder=" " />
    </OutlinedFrame>
  );
}

/** A native <select> (TextField select native, its label always up). */
export function FormSelect({ children, ...field }: BoundField & { children: ReactNode }) {
  return (
    <OutlinedFrame {...frameProps(field)} shrink>
      <select {...controlProps(field)} className={`${styles.input} ${styles.select}`}>
        {children}
      </select>
      <ArrowDropDownIcon className={styles.arrow} />
    </OutlinedFrame>
  );
}

/** An outlined text box of several lines that grows with its text (TextField multiline). */
export function OutlinedTextArea({
  label,
  value,
  onChange,
  minRows = 2,
  style,
  ...props
}: FieldProps & { onChange: (value: string) => void; minRows?: number } & Pick<TextareaHTMLAttributes<HTMLTextAreaElement>, "maxLength" | "autoFocus">) {
  const id = useId();
  return (
    <OutlinedFrame id={id} label={label} shrink={value !== ""} style={style}>
      <textarea
        id={id}
        className={`${styles.input} ${styles.textarea}`}
        style={{ "--rows": minRows } as CSSProperties}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...props}
      />
    </OutlinedFrame>
  );
}
