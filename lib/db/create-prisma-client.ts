// Builds the app's Prisma client for DATABASE_URL: over better-sqlite3 with the pragmas
// this app relies on, or over PostgreSQL (lib/db/postgres.ts). Shared by the app
// (lib/db.ts), the seed and the tests; no "server-only" here so scripts can import it.
import { accessSync, constants, statSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { databaseKind } from "@/lib/db/database-kind";
import { postgresPool } from "@/lib/db/postgres";

/**
 * WAL lets readers run beside the one writer. synchronous=FULL syncs the WAL to disk at
 * every commit, so a write the API acknowledged survives a process kill and also an OS
 * crash or power loss (NORMAL would survive only the former); it costs about 0.3 ms a
 * commit on this machine (RELIABILITY.md). busy_timeout makes a second process (seed,
 * CLI) wait for the write lock instead of failing.
 */
export const SQLITE_PRAGMAS = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"].join(";\n");

/** The file behind each client and the inode it had when the connection opened. */
const openedFiles = new WeakMap<PrismaClient, { path: string; inode: number | null }>();

/** "file:./prisma/dev.db" → "./prisma/dev.db" (relative to the working directory, as for Prisma). */
export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^file:/, "");
}

export function createPrismaClient(databaseUrl: string, { mustExist = false } = {}): PrismaClient {
  if (databaseKind(databaseUrl) === "postgres") return createPostgresPrismaClient(databaseUrl);
  const path = sqliteFileFromUrl(databaseUrl);
  // The app passes mustExist: a missing file is an outage, not an empty new database.
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, fileMustExist: mustExist });
  const file = { path, inode: null as number | null };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    file.inode = inodeOf(path);
    return path === ":memory:" ? adapter : guarded(adapter, path);
  };
  const client = new PrismaClient({ adapter: factory });
  if (path !== ":memory:") openedFiles.set(client, file);
  return client;
}

/**
 * The PostgreSQL client, generated from prisma/postgres/schema.prisma (the same models,
 * derived from prisma/schema.prisma by scripts/postgres-schema.mjs). Prisma 6.19 needs
 * one generated client per provider, and the two classes are distinct types; their
 * models and methods are the same by construction, so the app keeps ONE PrismaClient
 * type and this is the one place that casts between them.
 */
function createPostgresPrismaClient(databaseUrl: string): PrismaClient {
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(postgresPool(databaseUrl)) });
  return client as unknown as PrismaClient;
}

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/**
 * "missing": the database file is gone (the open connection would write into an
 * unlinked file and lose everything). "replaced": a different file now has its name, so
 * the connection must reopen. null: all is well, or no connection is open yet.
 */
export function databaseFileProblem(client: PrismaClient): "missing" | "replaced" | null {
  const file = openedFiles.get(client);
  if (!file) return null;
  const now = inodeOf(file.path);
  if (now === null) return "missing";
  if (file.inode !== null && now !== file.inode) return "replaced";
  return null;
}

/**
 * The first of the database's files (the database, its -wal, its -shm) that exists but
 * cannot be written — read-only or immutable (`chattr +i`, where even root gets EPERM) —
 * else null. A missing -wal or -shm is fine: SQLite creates them. About 1 µs a file.
 */
export function unwritableDatabaseFile(path: string, suffixes: readonly string[] = ["", "-wal", "-shm"]): string | null {
  for (const suffix of suffixes) {
    try {
      accessSync(path + suffix, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") return path + suffix;
    }
  }
  return null;
}

/**
 * SQLite maps the -shm file into memory and every connection writes into it, readers
 * too (their read marks). When the file cannot be written, the kernel answers such a
 * write with SIGBUS, which kills the process. So no connection may be used while it is
 * unwritable: this is checked before every use (a race of microseconds remains).
 */
function assertSharedMemoryWritable(path: string) {
  if (unwritableDatabaseFile(path, ["-shm"]) !== null) throw readOnlyError();
}

/** Shaped like better-sqlite3's own error, so it maps to a 503 like a real one (availability.ts). */
function readOnlyError() {
  return Object.assign(new Error("attempt to write a readonly database"), { name: "SqliteError", code: "SQLITE_READONLY" });
}

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Prisma's connection, with two repairs:
 * - the -shm check above before each query and transaction;
 * - a transaction whose COMMIT (or ROLLBACK) fails — SQLITE_IOERR when the -wal cannot
 *   be written — still releases the adapter's transaction lock. Prisma releases it only
 *   after a successful COMMIT (it calls tx.commit()/rollback() after the SQL, and on a
 *   failed COMMIT marks the transaction committed, so the rollback it tries next fails
 *   with P2028 and never reaches the adapter). Every later transaction (readiness,
 *   edits, even a single `create` with `include`) then waited for that lock forever.
 */
function guarded(adapter: Adapter, path: string): Adapter {
  const sqlite = (adapter as unknown as { client: { inTransaction: boolean; exec(sql: string): void } }).client;
  const { queryRaw, executeRaw, startTransaction } = adapter;
  adapter.queryRaw = (query) => {
    assertSharedMemoryWritable(path);
    return queryRaw.call(adapter, query);
  };
  adapter.executeRaw = (query) => {
    assertSharedMemoryWritable(path);
    return executeRaw.call(adapter, query);
  };
  adapter.startTransaction = async (isolationLevel) => {
    assertSharedMemoryWritable(path);
    const tx: Transaction = await startTransaction.call(adapter, isolationLevel);
    const txExecuteRaw = tx.executeRaw;
    tx.executeRaw = async (query) => {
      try {
        return await txExecuteRaw.call(tx, query);
      } catch (error) {
        if (query.sql === "COMMIT" || query.sql === "ROLLBACK") {
          try {
            if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
          } catch {
            // SQLite rolls back by itself after an I/O error in COMMIT; nothing more to undo.
          }
          await tx.rollback(); // releases the lock (once: the release is idempotent)
        }
        throw error;
      }
    };
    return tx;
  };
  return adapter;
}

/** After $disconnect, the next query reconnects and records the file afresh. */
export function forgetOpenedFile(client: PrismaClient) {
  const file = openedFiles.get(client);
  if (file) file.inode = null;
}

export type { PrismaClient };
