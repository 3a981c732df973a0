import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The SQLite result code of an error thrown by better-sqlite3 on the direct connections
 * (sqlite-connections.ts), else null. Read by shape, not `instanceof`: the native module
 * creates its errors in the realm that first loaded it (jest runs each file in its own).
 */
export function sqliteErrorCode(error: unknown): string | null {
  const e = error as { name?: unknown; code?: unknown } | null;
  return typeof e === "object" && e !== null && e.name === "SqliteError" && typeof e.code === "string" ? e.code : null;
}

/** A unique index refused the write: Prisma's P2002, or SQLITE_CONSTRAINT_UNIQUE on a direct connection. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return sqliteErrorCode(error) === "SQLITE_CONSTRAINT_UNIQUE";
}
