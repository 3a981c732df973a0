"use client";
// The queue's filter fields, drawn like MUI TextFields (small, outlined, full width) but
// built from their parts: TextField imports Select, Menu, Popover and Modal even when
// none is used, and those were the largest share of the queue's first-load JavaScript
// after zod (BENCHMARKS.md).
import { useId, type ChangeEvent, type ReactNode } from "react";
import FormControl from "@mui/material/FormControl";
import InputLabel from "@mui/material/InputLabel";
import NativeSelect from "@mui/material/NativeSelect";
import OutlinedInput from "@mui/material/OutlinedInput";
import type { SxProps, Theme } from "@mui/material/styles";

type FieldProps = { label: string; value: string; sx?: SxProps<Theme> };

/** An outlined text input with a floating label (TextField's look). */
export function OutlinedTextField({
  id: givenId,
  label,
  value,
  onChange,
  type = "text",
  sx,
}: FieldProps & { id?: string; onChange: (value: string) => void; type?: "text" | "search" }) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FormControl size="small" fullWidth sx={sx}>
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <OutlinedInput id={id} label={label} type={type} value={value} onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />
    </FormControl>
  );
}

/** A native <select> in an outlined frame with its label always up (TextField select native). */
export function NativeSelectField({ label, value, onChange, children, sx }: FieldProps & { onChange: (value: string) => void; children: ReactNode }) {
  const id = useId();
  return (
    <FormControl size="small" fullWidth sx={sx}>
      <InputLabel htmlFor={id} shrink>
        {label}
      </InputLabel>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)} input={<OutlinedInput label={label} notched />}>
        {children}
      </NativeSelect>
    </FormControl>
  );
}
