// Database reads written once for both dialects. A read is a generator that yields the
// statements it needs (as data: SQL with `?` placeholders and its parameters) and gets
// each one's answer back. The driver decides how a statement runs:
//   runOnSqlite: synchronously, on better-sqlite3's cached prepared statements, inside
//     one SQLite transaction (one snapshot) — exactly as before the port, no promise and
//     no event-loop turn between statements;
//   runOnPostgres (postgres-driver.ts): awaiting each statement on one pooled client,
//     inside one REPEATABLE READ, READ ONLY transaction (one snapshot too).
// So the queue's planning logic (which statement next, given the last answers) exists
// once, and neither database pays for the other's way of running it.
import type Database from "better-sqlite3";

/** One statement and what the caller wants of its answer ("run": how many rows it changed). */
export type Step = { want: "rows" | "row" | "value" | "run"; sql: string; params: readonly unknown[] };

/** A read that yields statements and returns T. Compose them with `yield*`. */
export type Read<T> = Generator<Step, T, unknown>;

/** Every row. */
export function* rows<R>(sql: string, params: readonly unknown[] = []): Read<R[]> {
  return (yield { want: "rows", sql, params }) as R[];
}

/** The first row, or undefined. */
export function* row<R>(sql: string, params: readonly unknown[] = []): Read<R | undefined> {
  return (yield { want: "row", sql, params }) as R | undefined;
}

/** The first column of the first row, as a number (COUNT and SUM come back as bigint text from PostgreSQL). */
export function* count(sql: string, params: readonly unknown[] = []): Read<number> {
  return Number((yield { want: "value", sql, params }) ?? 0);
}

/** A change; answers how many rows it changed. (An insert that needs its id: `row` with RETURNING.) */
export function* run(sql: string, params: readonly unknown[] = []): Read<number> {
  return Number(yield { want: "run", sql, params });
}

/** Runs one step on SQLite. `prepare` is the caller's statement cache. */
export function stepOnSqlite(prepare: (sql: string) => Database.Statement, step: Step): unknown {
  const statement = prepare(step.sql);
  if (step.want === "rows") return statement.all(...step.params);
  if (step.want === "row") return statement.get(...step.params);
  if (step.want === "run") return statement.run(...step.params).changes;
  return statement.pluck().get(...step.params);
}

/**
 * The next state of a read after its step ran: the answer goes in, or the statement's
 * error is thrown at the `yield`, so a write can catch it there (a savepoint's rollback,
 * create-request.ts); uncaught, it leaves the read as before.
 */
export function resume<T>(read: Read<T>, outcome: { answer: unknown } | { error: unknown }): IteratorResult<Step, T> {
  return "error" in outcome ? read.throw(outcome.error) : read.next(outcome.answer);
}

function settle(step: () => unknown): { answer: unknown } | { error: unknown } {
  try {
    return { answer: step() };
  } catch (error) {
    return { error };
  }
}

/** Drives a read to its end on SQLite, synchronously, in the transaction the caller holds. */
export function driveOnSqlite<T>(prepare: (sql: string) => Database.Statement, read: Read<T>): T {
  let next = read.next();
  while (!next.done) {
    const step = next.value;
    next = resume(
      read,
      settle(() => stepOnSqlite(prepare, step)),
    );
  }
  return next.value;
}

/** Drives a read to its end on SQLite, synchronously, in one transaction. */
export function runOnSqlite<T>(db: Database.Database, prepare: (sql: string) => Database.Statement, read: () => Read<T>): T {
  return db.transaction(() => driveOnSqlite(prepare, read()))();
}
