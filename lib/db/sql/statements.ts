// The prepared statements, by SQL text, per SQLite connection (reads.ts runs them).
import "server-only";
import type Database from "better-sqlite3";

// Prepared statements by SQL text, least recently used first. Bounded: the queries'
// shapes vary with the filters and the number of search words, and a caller cycling
// through shapes must not grow the server's memory for good (each statement holds
// SQLite's compiled program). The queue's everyday shapes are a few dozen.
export const STATEMENT_CACHE_SIZE = 200;
export const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql); // to the most recently used end
  } else {
    statement = db.prepare(sql);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}

/** How many statements the cache holds for a connection (for the memory test). */
export const cachedStatementCount = (db: Database.Database) => statements.get(db)?.size ?? 0;
