// zod fields built on the text rules (text.ts), shared by several schemas. Client-safe.
import { z } from "zod";
import { SINGLE_LINE, isWellFormed } from "./text";

/** A required name or title: one line of real text, trimmed, 1 to `max` characters. */
export const requiredLine = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` })
    .regex(SINGLE_LINE, { error: `${label} contains control characters` })
    .refine(isWellFormed, { error: `${label} contains invalid characters` });

/** A person's display name (from the seed or the identity provider): one short line of real text. */
export const personNameSchema = requiredLine("Name", 100);

/** A free-text query parameter (search words, a team, a person): one line of real text. */
export const queryText = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { error: `${name} must not be empty` })
    .max(max, { error: `${name} must be at most ${max} characters` })
    .regex(SINGLE_LINE, { error: `${name} contains control characters` })
    .refine(isWellFormed, { error: `${name} contains invalid characters` });

/** A positive whole-number query parameter (a page, a page size): digits only, 1 to `max`. */
export const queryPositiveInt = (label: string, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,9}$/, { error: `${label} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, { error: `${label} must be at least 1` })
        .max(max, { error: `${label} must be at most ${max}` }),
    );
