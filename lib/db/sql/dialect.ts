// What the two databases spell differently in the SQL that is written once (reads.ts).
// Each difference is one field here, so the queries read the same for both and no
// query branches on the database itself.
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";
import type { DatabaseKind } from "@/lib/db/database-kind";

export type Dialect = {
  kind: DatabaseKind;
  /**
   * A column as a value the planner cannot take an index for. SQLite's unary "+" keeps
   * it off a filter's index while it walks the sort index (list-query.ts); PostgreSQL's
   * planner weighs both by statistics and needs (and accepts) no such hint.
   */
  unindexed(column: string): string;
  /**
   * A join in the order written. SQLite never reorders a CROSS JOIN, which the queue
   * relies on; PostgreSQL has no CROSS JOIN … ON and orders joins well by itself.
   */
  fixedJoin: string;
  /** A DateTime as a parameter compared with stored ones (SQLite stores Prisma's text). */
  dateParam(date: Date): unknown;
  /** A boolean as a parameter (SQLite stores 0 and 1). */
  boolParam(value: boolean): unknown;
  /**
   * A statement that makes writers of the same `name` wait for each other until the
   * transaction ends, or null where every write transaction already does (SQLite's
   * BEGIN IMMEDIATE: one writer at a time). PostgreSQL: a transaction-level advisory lock.
   */
  serializeWriters(name: string): string | null;
  /** "ORDER BY" for a column that may be NULL, NULLs first ascending (SQLite's own order) on both. */
  orderNullable(column: string, dir: "ASC" | "DESC"): string;
  // --- the outbox, notifications and webhooks (notify) ---
  /**
   * Appended to the SELECT that picks outbox items to claim. SQLite: nothing, its one
   * writer at a time already keeps two claims apart. PostgreSQL: concurrent workers each
   * lock the rows they pick and pass over those another has locked, so none is claimed twice.
   */
  skipLockedRows: string;
  /** A condition: the JSON array of strings stored as text in `column` holds the value of the one `?` placeholder. */
  jsonArrayContains(column: string): string;
  /** The text of a top-level key of the JSON object stored as text in `column`. */
  jsonText(column: string, key: string): string;
  // --- free text that ignores case (catalog) ---
  /** LIKE that ignores case: SQLite's LIKE does (for ASCII), PostgreSQL's is ILIKE. */
  ilike: string;
};

export const sqliteDialect: Dialect = {
  kind: "sqlite",
  unindexed: (column) => `+${column}`,
  fixedJoin: "CROSS JOIN",
  dateParam: sqliteDateTime,
  boolParam: (value) => (value ? 1 : 0),
  serializeWriters: () => null,
  orderNullable: (column, dir) => `${column} ${dir}`,
  // --- notify ---
  skipLockedRows: "",
  jsonArrayContains: (column) => `EXISTS (SELECT 1 FROM json_each(${column}) WHERE "value" = ?)`,
  jsonText: (column, key) => `json_extract(${column}, '$.${key}')`,
  // --- catalog ---
  ilike: "LIKE",
};

export const postgresDialect: Dialect = {
  kind: "postgres",
  unindexed: (column) => column,
  fixedJoin: "JOIN",
  dateParam: (date) => date,
  boolParam: (value) => value,
  serializeWriters: (name) => `SELECT pg_advisory_xact_lock(hashtext('${name.replace(/'/g, "''")}'))`,
  orderNullable: (column, dir) => `${column} ${dir} ${dir === "ASC" ? "NULLS FIRST" : "NULLS LAST"}`,
  // --- notify ---
  skipLockedRows: "FOR UPDATE SKIP LOCKED",
  // jsonb's own "?" operator would clash with the placeholders.
  jsonArrayContains: (column) => `(${column})::jsonb @> jsonb_build_array(CAST(? AS TEXT))`,
  jsonText: (column, key) => `(${column})::json ->> '${key}'`,
  // --- catalog ---
  ilike: "ILIKE",
};
