// "The page after this row": a position in the queue's order, for GET /api/requests?after=…
// Reading a page at an offset steps over every row before it: page 20,000 of 1,000,000
// requests stepped over 500,000 index entries (37–52 ms on PostgreSQL, BENCHMARKS.md).
// From a cursor the page is a range on the sort index that starts where the last page
// ended, as quick as page 1. The cursor is opaque to callers: base64url of JSON
// [sort, order, value, number], where value is the last row's sort value as the API
// speaks it (dates in ISO 8601, ranks as numbers, null for an unassigned request).
import { SORT_FIELDS, type SortField } from "@/lib/domain/requests/options";

export type ListCursor = {
  sort: SortField;
  order: "asc" | "desc";
  /** The last row's value of the sort column; null for sort=number and for no assignee. */
  value: string | number | null;
  number: number;
};

/** Sort fields whose column holds a date, and those holding a rank (a number). */
export const DATE_SORTS: readonly SortField[] = ["createdAt", "updatedAt", "statusChangedAt"];
const RANK_SORTS: readonly SortField[] = ["status", "priority"];

// base64url by hand (btoa/atob, in browsers and Node alike): the schemas that read a
// cursor are client-safe, and Buffer is Node's.
export function encodeListCursor(cursor: ListCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.number]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The cursor, or null when `raw` is not one this server wrote (in shape: any position is allowed). */
export function decodeListCursor(raw: string): ListCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let parsed: unknown;
  try {
    const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [sort, order, value, number] = parsed as unknown[];
  if (!(SORT_FIELDS as readonly unknown[]).includes(sort) || (order !== "asc" && order !== "desc")) return null;
  if (!Number.isSafeInteger(number) || (number as number) < 1) return null;
  const field = sort as SortField;
  const valueFits =
    field === "number"
      ? value === null
      : DATE_SORTS.includes(field)
        ? typeof value === "string" && !Number.isNaN(Date.parse(value))
        : RANK_SORTS.includes(field)
          ? Number.isSafeInteger(value)
          : typeof value === "string" || (field === "assignee" && value === null);
  return valueFits ? { sort: field, order, value: value as ListCursor["value"], number: number as number } : null;
}

/**
 * The queue page's `after` URL parameter, read forgivingly (as the queue reads its URL):
 * the cursor when it is one and belongs to the view's sort and order, else undefined
 * (the page is then read by its number).
 */
export function cursorForView(raw: string | null | undefined, view: { sort: SortField; order: "asc" | "desc" }): ListCursor | undefined {
  const cursor = raw ? decodeListCursor(raw) : null;
  return cursor && cursor.sort === view.sort && cursor.order === view.order ? cursor : undefined;
}
