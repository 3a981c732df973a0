// How a DatasetRequest row read by raw SQL (the request page, the export) becomes what
// Prisma would have returned, on either database: one place for the encodings.
//   estimatedKeyCount: read as text (CAST … AS TEXT), since a key count may exceed what a
//     double holds exactly (SQLite gives numbers, PostgreSQL's bigint comes as text);
//   backupsEnabled: SQLite stores 0/1, PostgreSQL a boolean;
//   DateTimes: SQLite holds Prisma's ISO text, PostgreSQL gives Date objects.
import "server-only";
import { isoFromSqlite } from "@/lib/data/requests/list-query/page";

/** The columns to select for fromRequestRow: the row, and its key count as text. */
export const requestColumns = (table: string) => `${table}.*, CAST(${table}."estimatedKeyCount" AS TEXT) AS "estimatedKeyCountText"`;

/** A stored DateTime (either database's form) as a Date. */
export const storedDate = (value: unknown) => new Date(isoFromSqlite(value));
export const storedDateOrNull = (value: unknown) => (value === null || value === undefined ? null : storedDate(value));

/** The row's own columns decoded as Prisma types; relations are the caller's. */
export function fromRequestRow(row: Record<string, unknown>) {
  return {
    ...row,
    estimatedKeyCount: BigInt(row.estimatedKeyCountText as string),
    backupsEnabled: Boolean(row.backupsEnabled),
    createdAt: storedDate(row.createdAt),
    updatedAt: storedDate(row.updatedAt),
    statusChangedAt: storedDate(row.statusChangedAt),
    completedAt: storedDateOrNull(row.completedAt),
  };
}

/**
 * The same decoding for many rows (the export): in place, on a row read for this alone,
 * with dates as ISO text and the key count as text. A Date and a BigInt per row, and a
 * copy of its ~45 columns, were ~15 µs a row of a 30 µs budget.
 */
export function decodeRequestRowAsText(row: Record<string, unknown>) {
  return Object.assign(row, {
    estimatedKeyCount: row.estimatedKeyCountText as string,
    backupsEnabled: Boolean(row.backupsEnabled),
    createdAt: isoFromSqlite(row.createdAt),
    updatedAt: isoFromSqlite(row.updatedAt),
    statusChangedAt: isoFromSqlite(row.statusChangedAt),
    completedAt: row.completedAt === null || row.completedAt === undefined ? null : isoFromSqlite(row.completedAt),
  });
}
