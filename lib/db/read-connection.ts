// A second SQLite connection, for the hot read paths (the queue). Prisma's client
// compiles every query in WebAssembly before it runs (~0.3–1 ms each, the largest cost
// of a list request in the profile, see BENCHMARKS.md); this connection runs cached
// prepared statements directly. WAL lets it read beside Prisma's writer, and a read
// sees every commit made before it starts. query_only: it can never write.
import "server-only";
import Database from "better-sqlite3";
import { env } from "@/lib/env";

const globalForRead = globalThis as unknown as { kvstoreReadDb?: Database.Database };

/** "file:./prisma/dev.db" → "./prisma/dev.db" (relative to the working directory, as for Prisma). */
export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^file:/, "");
}

export function readConnection(): Database.Database {
  if (!globalForRead.kvstoreReadDb) {
    const db = new Database(sqliteFileFromUrl(env().DATABASE_URL));
    db.pragma("busy_timeout = 5000");
    db.pragma("query_only = ON");
    globalForRead.kvstoreReadDb = db;
  }
  return globalForRead.kvstoreReadDb;
}
