// Runs a read (reads.ts) on PostgreSQL: the `?` placeholders become $1, $2, …, and
// every statement runs on one pooled client inside one REPEATABLE READ, READ ONLY
// transaction, so the read sees one snapshot, as a SQLite transaction does.
import type { Pool, PoolClient } from "pg";
import { resume, type Read, type Step } from "./reads";

/**
 * "? … ?" → "$1 … $2". Question marks inside '…' strings, "…" identifiers and
 * comments are left alone; the app's SQL has no other use of "?".
 */
export function numberedPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "?") {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** Runs one step on a PostgreSQL client. BigInt parameters go as text (pg cannot send them). */
export async function stepOnPostgres(client: Pool | PoolClient, step: Step): Promise<unknown> {
  const params = step.params.map((p) => (typeof p === "bigint" ? p.toString() : p));
  const text = numberedPlaceholders(step.sql);
  if (step.want === "value") {
    const result = await client.query({ text, values: params, rowMode: "array" });
    return (result.rows[0] as unknown[] | undefined)?.[0];
  }
  const result = await client.query(text, params);
  if (step.want === "run") return result.rowCount ?? 0;
  return step.want === "rows" ? result.rows : result.rows[0];
}

/**
 * Drives a read to its end on PostgreSQL in one transaction: a read-only snapshot, or
 * (`writes`) a READ COMMITTED write transaction, PostgreSQL's default, whose unique
 * indexes and row locks keep the same rules SQLite's single writer keeps.
 */
export async function runOnPostgres<T>(pool: Pool, read: () => Read<T>, { writes = false } = {}): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query(writes ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const it = read();
    let next = it.next();
    while (!next.done)
      next = resume(
        it,
        await stepOnPostgres(client, next.value).then(
          (answer) => ({ answer }),
          (error: unknown) => ({ error }),
        ),
      );
    await client.query("COMMIT");
    result = next.value;
  } catch (error) {
    const alive = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(!alive); // a broken connection leaves the pool
    throw error;
  }
  client.release();
  return result;
}
