// Many rows into one table, written once for both databases (the seed, tests): multi-row
// INSERTs, each within both databases' limits on parameters (SQLite 32,766, PostgreSQL
// 65,535). Values are encoded here, as the dialect stores them: a Date as SQLite's
// Prisma text or a timestamptz, a boolean as 0/1 or a boolean. No "server-only": the
// seed uses it.
import type { Dialect } from "./dialect";
import { run, type Read } from "./reads";

const MAX_PARAMS = 30_000;

const encode = (dialect: Dialect, value: unknown) =>
  value instanceof Date ? dialect.dateParam(value) : typeof value === "boolean" ? dialect.boolParam(value) : (value ?? null);

/** Inserts `rows` (objects with every one of `columns`); answers how many went in. */
export function* insertRows(dialect: Dialect, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): Read<number> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params = chunk.flatMap((r) => columns.map((c) => encode(dialect, r[c])));
    inserted += yield* run(head + Array.from(chunk, () => tuple).join(", "), params);
  }
  return inserted;
}
