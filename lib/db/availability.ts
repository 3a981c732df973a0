// Database outages (file missing or read-only, disk full, locked too long) become a clear
// 503, never a hang, a crash or a stack trace; the app recovers by itself when the
// database comes back.
import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseFileProblem, forgetOpenedFile, sqliteFileFromUrl, unwritableDatabaseFile } from "@/lib/db/create-prisma-client";
import { env } from "@/lib/env";
import { postgresErrorCode, postgresOutage, sqliteErrorCode } from "@/lib/db/database-errors";
import { databaseKind } from "@/lib/db/database-kind";
import { observability } from "@/lib/observability/state";

const RETRY_AFTER_SECONDS = "5";

/** Bounded metric labels for the reasons below. */
const REASON_LABEL: Record<string, string> = {
  "its file is missing": "missing",
  "it is read-only": "read_only",
  "it cannot be reached": "unreachable",
  "it cannot be opened": "cannot_open",
};

export function databaseUnavailable(reason: string) {
  observability().metrics.databaseUnavailable.inc({ reason: REASON_LABEL[reason] ?? "other" });
  return new ApiError("SERVICE_UNAVAILABLE", `The database is not available right now (${reason}). Nothing was saved; try again in a moment.`, [], {
    "Retry-After": RETRY_AFTER_SECONDS,
  });
}

/**
 * Before touching the database: refuse while its file is gone; reopen if it was replaced.
 * `writes`: also refuse while the database, its -wal or its -shm cannot be written
 * (read-only, or immutable), so a change fails before it starts rather than at its
 * COMMIT. Reads need only the -shm, which each connection checks itself before every
 * use (create-prisma-client.ts, sqlite-connections.ts): an unwritable -shm is a SIGBUS.
 */
export async function assertDatabaseFile({ writes = false } = {}): Promise<void> {
  const problem = databaseFileProblem(db);
  if (problem !== null) {
    await db.$disconnect().catch(() => {});
    forgetOpenedFile(db);
    if (problem === "missing") throw databaseUnavailable("its file is missing");
  }
  if (writes && databaseKind(env().DATABASE_URL) === "sqlite" && unwritableDatabaseFile(sqliteFileFromUrl(env().DATABASE_URL)) !== null) {
    throw databaseUnavailable("it is read-only");
  }
}

// SQLite result codes that mean "the database cannot serve this now", not "bad request".
const OUTAGE_CODES = /^SQLITE_(READONLY|CANTOPEN|IOERR|BUSY|LOCKED|FULL|CORRUPT|NOTADB|PERM)/;

/** A thrown database outage → the 503 to answer with (counted by its code); anything else → null. */
export function asDatabaseOutage(error: unknown): ApiError | null {
  const outage = outageOf(error);
  if (outage !== null) observability().metrics.databaseErrors.inc({ code: errorCodeLabel(error) });
  return outage;
}

/** SQLite's or Prisma's code (a closed set), else the error's class: never its message. */
function errorCodeLabel(error: unknown): string {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code;
  if (error instanceof Prisma.PrismaClientInitializationError) return "PrismaClientInitializationError";
  if (error instanceof Prisma.PrismaClientRustPanicError) return "PrismaClientRustPanicError";
  return sqliteErrorCode(error) ?? postgresErrorCode(error) ?? "OPEN_FAILED";
}

function outageOf(error: unknown): ApiError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError && OUTAGE_CODES.test(error.code)) {
    return databaseUnavailable(error.code === "SQLITE_READONLY" ? "it is read-only" : "it cannot be reached");
  }
  // P2028, Prisma's "Transaction API error": no lock within the wait, or a COMMIT that
  // failed (Prisma then reports its own failed rollback instead of the SQLite error).
  // Either way the transaction was rolled back: nothing was saved.
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
    return databaseUnavailable("it cannot be reached");
  }
  if (error instanceof Prisma.PrismaClientInitializationError || error instanceof Prisma.PrismaClientRustPanicError) {
    return databaseUnavailable("it cannot be opened");
  }
  // The direct connections (sqlite-connections.ts) throw better-sqlite3's own errors.
  const code = sqliteErrorCode(error);
  if (code !== null && OUTAGE_CODES.test(code)) {
    return databaseUnavailable(code.startsWith("SQLITE_READONLY") ? "it is read-only" : "it cannot be reached");
  }
  // better-sqlite3 refusing to open a missing file or folder surfaces as a plain error.
  if (error instanceof Error && /unable to open database|directory does not exist|SQLITE_CANTOPEN/i.test(error.message)) {
    forgetOpenedFile(db);
    return databaseUnavailable("it cannot be opened");
  }
  // PostgreSQL: the server down, restarting or unreachable, or read-only (a standby).
  const postgres = postgresOutage(error);
  if (postgres !== null) return databaseUnavailable(postgres === "read-only" ? "it is read-only" : "it cannot be reached");
  return null;
}

/**
 * Readiness: the files are there and writable, and a write transaction can start (a
 * read-only database answers SELECTs but could not take a single request).
 */
export async function databaseReady(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await assertDatabaseFile({ writes: true });
    await db.$transaction(async (tx) => {
      // Takes the write lock without changing a row.
      // (WHERE false: PostgreSQL wants a boolean; SQLite reads it as 0.) On PostgreSQL
      // this fails on a read-only standby, as a write would.
      await tx.$executeRawUnsafe('UPDATE "DatasetRequest" SET "version" = "version" WHERE false');
    });
    return { ok: true };
  } catch (error) {
    const outage = error instanceof ApiError ? error : asDatabaseOutage(error);
    return { ok: false, reason: outage?.message ?? "The database did not answer." };
  }
}
