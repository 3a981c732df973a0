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

/** A unique index refused the write: Prisma's P2002, SQLITE_CONSTRAINT_UNIQUE on a direct connection, or PostgreSQL's 23505 from pg. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return sqliteErrorCode(error) === "SQLITE_CONSTRAINT_UNIQUE" || postgresErrorCode(error) === "23505";
}

type PostgresFailure = { code?: unknown; kind?: unknown };

/**
 * What PostgreSQL (or the network to it) said, wherever it sits in the error: pg's own
 * error (SQLSTATE or a socket errno in `code`), Prisma's driver adapter error (`cause`),
 * or a Prisma error that wraps one (`meta.driverAdapterError.cause`).
 */
function postgresFailure(error: unknown): PostgresFailure | null {
  const e = error as { code?: unknown; name?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } } | null;
  if (typeof e !== "object" || e === null) return null;
  const wrapped = e.meta?.driverAdapterError?.cause ?? (e.name === "DriverAdapterError" ? e.cause : undefined);
  if (typeof wrapped === "object" && wrapped !== null) return wrapped as PostgresFailure;
  if (e.name !== "SqliteError" && typeof e.code === "string" && /^([0-9A-Z]{5}|E[A-Z]+)$/.test(e.code)) return { code: e.code };
  return null;
}

/** PostgreSQL's SQLSTATE (or the socket's errno, or the adapter's kind of failure), else null. A closed set: fit for a metric label. */
export function postgresErrorCode(error: unknown): string | null {
  const failure = postgresFailure(error);
  if (failure === null) return null;
  if (typeof failure.code === "string") return failure.code;
  return typeof failure.kind === "string" ? failure.kind : null;
}

/** Failures of the driver adapter that mean "the server cannot be reached or talked to". */
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
  "DatabaseDoesNotExist",
]);
/**
 * SQLSTATEs and socket errors that mean an outage, not a bad request: class 08
 * (connection exception, e.g. 08006), 57P01–57P03 (admin or crash shutdown, cannot
 * connect now), 57014 (the statement timeout: an overloaded server), class 53 (out of
 * disk, memory or connections), 3D000 (the database is gone), and the socket errors.
 */
const OUTAGE_SQLSTATE = /^(08...|57P0[123]|57014|53...|3D000|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE)$/;
/** pg's own errors without a code: the socket closed mid-query, or no connection within the pool's timeout. */
const OUTAGE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * A PostgreSQL outage, by kind: "read-only" when the server refuses writes (25006: a hot
 * standby, e.g. mid-failover), "unreachable" for the failures above; else null.
 */
export function postgresOutage(error: unknown): "read-only" | "unreachable" | null {
  const failure = postgresFailure(error);
  if (failure !== null) {
    if (failure.code === "25006") return "read-only";
    if (typeof failure.code === "string" && OUTAGE_SQLSTATE.test(failure.code)) return "unreachable";
    if (typeof failure.kind === "string" && UNREACHABLE_KINDS.has(failure.kind)) return "unreachable";
  }
  // Prisma's own codes for the same: cannot reach (P1001), timed out (P1002), the server
  // closed the connection (P1017), no pool connection in time (P2024).
  if (error instanceof Prisma.PrismaClientKnownRequestError && ["P1001", "P1002", "P1017", "P2024"].includes(error.code)) return "unreachable";
  if (error instanceof Error && OUTAGE_MESSAGE.test(error.message)) return "unreachable";
  return null;
}
