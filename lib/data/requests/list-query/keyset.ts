// Keyset steps along the queue's order: "the rows after this one", as index ranges.
// The export reads a whole view this way, and the list a page after a cursor.
import "server-only";
import { quote } from "./terms";

/** A row's place in the order: its sort value (as stored) and number. */
export type SortPosition = { value: unknown; number: number };

/**
 * Where the rows after `after` are, in the view's order, as ranges read one after the
 * other: first the rest of the rows sharing its sort value (col = ? AND number > ?),
 * then the rows past that value (col > ?). Each is a plain range on the (col, number)
 * index. The row value "(col, number) > (?, ?)" says the same in one, but SQLite seeks
 * it on col alone and steps over every row of that value: on a column of few values
 * (status, priority, assignee) a page after the middle of 1,000,000 rows took 16–39 ms.
 * NULL comes first ascending and last descending (SQLite's order, asked of PostgreSQL
 * too: dialect.orderNullable); only the assignee's name may be NULL.
 */
export function afterRanges(column: string, dir: "ASC" | "DESC", after: SortPosition | null): { sql: string; params: unknown[] }[] {
  const op = dir === "ASC" ? ">" : "<";
  const col = quote(column);
  const num = quote("number");
  const everything = { sql: "1 = 1", params: [] };
  if (column === "number") return [after ? { sql: `${num} ${op} ?`, params: [after.number] } : everything];
  const past = (a: SortPosition) => [
    { sql: `${col} = ? AND ${num} ${op} ?`, params: [a.value, a.number] },
    { sql: `${col} ${op} ?`, params: [a.value] },
  ];
  if (column !== "assigneeName") return after ? past(after) : [everything];
  const nulls = (a: SortPosition | null) => ({ sql: `${col} IS NULL${a ? ` AND ${num} ${op} ?` : ""}`, params: a ? [a.number] : [] });
  const named = { sql: `${col} IS NOT NULL`, params: [] };
  if (dir === "ASC") return after === null ? [nulls(null), named] : after.value === null ? [nulls(after), named] : past(after);
  return after === null ? [named, nulls(null)] : after.value === null ? [nulls(after)] : [...past(after), nulls(null)];
}
