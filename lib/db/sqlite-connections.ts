// Direct better-sqlite3 connections beside Prisma's, for the hot paths. Prisma's client
// compiles every query in WebAssembly before it runs (~0.3–1 ms each, the largest cost
// of a list request in the profile, see BENCHMARKS.md); these run cached prepared
// statements. WAL lets them read and write beside Prisma's connection.
//   readConnection():  the queue, request pages, session checks. query_only: it can never write.
//   writeConnection(): new requests (create-request.ts), inside its group commit.
// Both follow the file like the Prisma client does (availability.ts): a missing file is
// an outage (503), a replaced file is reopened, never read stale; and neither is used
// while the -shm cannot be written (SIGBUS, create-prisma-client.ts), nor the write one
// while any of the files cannot.
import "server-only";
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { databaseUnavailable } from "@/lib/db/availability";
import { SQLITE_PRAGMAS, sqliteFileFromUrl, unwritableDatabaseFile } from "@/lib/db/create-prisma-client";
import { sqliteErrorCode } from "@/lib/db/database-errors";

type Opened = { db: Database.Database; inode: number };
type Slot = "read" | "write";
const globalForConnections = globalThis as unknown as { kvstoreConnections?: Partial<Record<Slot, Opened>> };
const opened = (globalForConnections.kvstoreConnections ??= {});

/** Reads need only the -shm writable (1 access); writes need all three files (3). */
const MUST_BE_WRITABLE: Record<Slot, readonly string[]> = { read: ["-shm"], write: ["", "-wal", "-shm"] };

function following(slot: Slot, setUp: (db: Database.Database) => void): Database.Database {
  const file = sqliteFileFromUrl(env().DATABASE_URL);
  const inode = statSync(file, { throwIfNoEntry: false })?.ino;
  const open = opened[slot];
  if (inode === undefined) {
    open?.db.close();
    opened[slot] = undefined;
    throw databaseUnavailable("its file is missing");
  }
  if (unwritableDatabaseFile(file, MUST_BE_WRITABLE[slot]) !== null) throw databaseUnavailable("it is read-only");
  if (open && open.inode === inode) return open.db;
  open?.db.close();
  const db = new Database(file, { fileMustExist: true });
  setUp(db);
  opened[slot] = { db, inode };
  return db;
}

export function readConnection(): Database.Database {
  return following("read", (db) => {
    db.pragma("busy_timeout = 5000");
    db.pragma("query_only = ON");
  });
}

/**
 * The same pragmas as Prisma's connection (WAL, synchronous=FULL, foreign keys), except
 * busy_timeout = 0: better-sqlite3 waits for a lock synchronously, which would stall the
 * event loop, and so the Prisma transaction holding that lock, until the timeout. Its
 * user retries asynchronously instead (create-request.ts).
 */
export function writeConnection(): Database.Database {
  return following("write", (db) => {
    db.exec(SQLITE_PRAGMAS);
    db.pragma("busy_timeout = 0");
  });
}

/** How long a write waits for another writer's lock (Prisma's transactions, the CLI, a seed) before it is an outage (503). */
const LOCK_WAIT_MS = 5000;

/**
 * Runs `write` in one IMMEDIATE transaction on the write connection and commits it;
 * rolls back if anything throws. While another writer holds the lock it retries every
 * 2 ms without blocking the event loop, up to LOCK_WAIT_MS, then throws SQLITE_BUSY.
 */
export async function inWriteTransaction<T>(write: (db: Database.Database) => T): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const db = writeConnection();
    try {
      db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      if (sqliteErrorCode(error) !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    try {
      const result = write(db);
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }
}
