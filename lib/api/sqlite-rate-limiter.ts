// rate-limiter-flexible's SQLite limiter with its one hot method replaced.
// Why: for every hit, the library's better-sqlite3 path prepares its upsert statement anew
// and wraps it in a new `transaction()` function. Under 64 clients creating requests that
// was 1.0 s of the app's 16 s of CPU (6 %; `npm run bench -- --only "^create" --profile`,
// BENCHMARKS.md). This copy runs the same statement, which the library still builds
// (`_upsertTransaction`), from the app's cache of prepared statements (lib/db/sql/
// statements.ts); one statement is atomic on its own, so it needs no transaction. Kept in step with the library by the
// parity test beside it (the same hits give the same answers as the stock limiter).
import type Database from "better-sqlite3";
import { RateLimiterSQLite } from "rate-limiter-flexible";
import { prepare } from "@/lib/db/sql/statements";

export class PreparedRateLimiterSQLite extends RateLimiterSQLite {
  // The library's method of this name (lib/RateLimiterSQLite.js), not part of its typings.
  async _upsertTransactionBetterSQLite3(db: Database.Database, upsertQuery: string, upsertParams: unknown[]) {
    return prepare(db, upsertQuery).get(...upsertParams);
  }
}
