// Date arithmetic in SQL, the one concern where the insights' queries differ by database:
// SQLite stores Prisma's ISO-8601 text in UTC (so the month is its first seven
// characters and julianday() counts days), PostgreSQL stores timestamptz.
import type { DatabaseKind } from "@/lib/db/database-kind";

export type DateSql = {
  /** "YYYY-MM" of a stored DateTime, in UTC. */
  monthOf(column: string): string;
  /** Days (with fractions) from `earlier` to `later`. */
  daysBetween(later: string, earlier: string): string;
};

export const DATE_SQL: Record<DatabaseKind, DateSql> = {
  sqlite: {
    monthOf: (column) => `substr(${column}, 1, 7)`,
    daysBetween: (later, earlier) => `julianday(${later}) - julianday(${earlier})`,
  },
  postgres: {
    monthOf: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')`,
    daysBetween: (later, earlier) => `EXTRACT(EPOCH FROM ${later} - ${earlier}) / 86400`,
  },
};
