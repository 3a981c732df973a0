// Old → new values of request fields, as the history stores them.
import { REQUEST_FIELD_NAMES, type RequestFields } from "@/lib/schemas/request";

/** One canonical string per value, so "changed" means what a person would call a change. */
export function fieldValueToString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

/** The fields whose value differs, with old and new values as strings. */
export function diffFields(before: RequestFields, after: RequestFields) {
  return REQUEST_FIELD_NAMES.flatMap((field) => {
    const oldValue = fieldValueToString(before[field]);
    const newValue = fieldValueToString(after[field]);
    return oldValue === newValue ? [] : [{ field, oldValue, newValue }];
  });
}
