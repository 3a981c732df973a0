// A second SQLite connection, for the hot read paths (the queue). Prisma's client
// compiles every query in WebAssembly before it runs (~0.3–1 ms each, the largest cost
// of a list request in the profile, see BENCHMARKS.md); this connection runs cached
// prepared statements directly. WAL lets it read beside Prisma's writer, and a read
// sees every commit made before it starts. query_only: it can never write.
import "server-only";
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { databaseUnavailable } from "@/lib/db/availability";

type ReadConnection = { db: Database.Database; inode: number };
const globalForRead = globalThis as unknown as { kvstoreReadDb?: ReadConnection };

/** "file:./prisma/dev.db" → "./prisma/dev.db" (relative to the working directory, as for Prisma). */
export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^file:/, "");
}

/**
 * The read connection, following the file like the Prisma client does (availability.ts):
 * a missing file is an outage (503), a replaced file is reopened, never read stale.
 */
export function readConnection(): Database.Database {
  const file = sqliteFileFromUrl(env().DATABASE_URL);
  const inode = statSync(file, { throwIfNoEntry: false })?.ino;
  const open = globalForRead.kvstoreReadDb;
  if (inode === undefined) {
    open?.db.close();
    globalForRead.kvstoreReadDb = undefined;
    throw databaseUnavailable("its file is missing");
  }
  if (open && open.inode === inode) return open.db;
  open?.db.close();
  const db = new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  db.pragma("query_only = ON");
  globalForRead.kvstoreReadDb = { db, inode };
  return db;
}
