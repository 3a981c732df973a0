// rate-limiter-flexible's SQLite limiter with its one hot method replaced.
// Why: for every hit, the library's better-sqlite3 path prepares its upsert statement anew
// and wraps it in a new `transaction()` function. Under 64 clients creating requests that
// was 1.0 s of the app's 16 s of CPU (6 %; `npm run bench -- --only "^create" --profile`,
// BENCHMARKS.md). This copy runs the same statement, which the library still builds
// (`_upsertTransaction`), from a cache of prepared statements; one statement is atomic
// on its own, so it needs no transaction around it. Kept in step with the library by the
// parity test beside it (the same hits give the same answers as the stock limiter).
import type Database from "better-sqlite3";
import { RateLimiterSQLite } from "rate-limiter-flexible";

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

export class PreparedRateLimiterSQLite extends RateLimiterSQLite {
  // The library's method of this name (lib/RateLimiterSQLite.js), not part of its typings.
  async _upsertTransactionBetterSQLite3(db: Database.Database, upsertQuery: string, upsertParams: unknown[]) {
    return prepared(db, upsertQuery).get(...upsertParams);
  }
}
