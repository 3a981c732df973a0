// Bulk import's one transaction, run on a worker thread. Storing 10,000 requests is one
// all-or-nothing transaction (atomic by the product's rule) of ~1.5 s of SQLite work on
// this machine (17 indexes, the full-text and count triggers): on the main thread it
// froze every other request for that long. It cannot be cut into slices that yield
// either: a transaction held open across a yield would make any Prisma write (which
// waits for the lock synchronously, busy_timeout) stall the event loop until it fails.
// The worker runs the very same statements (insert-request.ts) on its own connection,
// with the same pragmas; the main thread only hands it the rows, in slices, and waits.
// While it holds the write lock, other writers wait as they would for any writer.
// PostgreSQL's I/O is asynchronous already: there the same statements run in one
// transaction on a pooled client from the main thread (writeDatabase), which awaits
// each one, so the event loop stays free without a thread.
import "server-only";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import { databaseKind } from "@/lib/db/database-kind";
import { SQLITE_PRAGMAS, sqliteFileFromUrl } from "@/lib/db/create-prisma-client";
import { writeConnection } from "@/lib/db/sqlite-connections";
import { sqliteDialect } from "@/lib/db/sql/dialect";
import { insertNewRequests, NEW_REQUEST_SQL, newRequestParams, type NewRequestValues } from "@/lib/data/requests/insert-request";
import { yieldToEventLoop } from "@/lib/async/yield";
import { announceAfterCommit, announcingWrite, requestChanged } from "@/lib/events/request-events";
import { formatRequestNumber } from "@/lib/domain/requests/options";

// Plain CommonJS run with eval (no file to bundle); better-sqlite3 resolves from the
// working directory, the app's root, as for `next start` and the standalone server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const rows = [];
parentPort.on("message", (message) => {
  if (message.rows) { rows.push(...message.rows); return; }
  let db;
  try {
    db = new Database(workerData.file, { fileMustExist: true });
    db.exec(workerData.pragmas);
    // As insertNewRequests, one row at a time: the row, then each follow-up with its number in place.
    const request = db.prepare(workerData.sql.request);
    const then = workerData.sql.then.map((f) => ({ statement: db.prepare(f.sql), numberAt: f.numberAt }));
    const numbers = db.transaction(() => rows.map((p) => {
      const { number } = request.get(...p.request);
      then.forEach((f, i) => {
        const params = p.then[i].slice();
        for (const at of f.numberAt) params[at] = number;
        f.statement.run(...params);
      });
      return number;
    })).immediate();
    parentPort.postMessage({ numbers });
  } catch (e) {
    parentPort.postMessage({ error: { name: e && e.name, code: e && e.code, message: String(e && e.message) } });
  } finally {
    if (db) db.close();
  }
});
`;

/** Rows handed to the worker per message: encoding and cloning them is the main thread's share (~2 ms). */
const HANDOFF_ROWS = 500;

type Answer = { numbers: number[] } | { error: { name?: string; code?: string; message: string } };

/**
 * Rows per multi-row INSERT on PostgreSQL. 10,000 rows at one statement each were 30,000
 * round trips, ~49 s here (a loaded 2-core machine); in batches of 100, 300 statements,
 * ~8 s with the event loop never held over ~70 ms (batches of 500 and 1,000: ~11 s,
 * with ~250 ms holds while a large statement is built and its answer parsed).
 */
const POSTGRES_BATCH_ROWS = 100;

/**
 * Inserts every row with its CREATED event and outbox event in one transaction; the
 * numbers in row order. Fails as a whole, with the database's error.
 */
export async function insertRequestsInBulk(values: NewRequestValues[]): Promise<number[]> {
  if (databaseKind(env().DATABASE_URL) === "sqlite") {
    const numbers = await insertRequestsInWorker(values);
    // The worker's transaction has committed; on SQLite the bus is this process's own.
    if (numbers.length) announceAfterCommit(importAnnouncement(numbers));
    return numbers;
  }
  return announcingWrite(function* (dialect, announce) {
    const numbers: number[] = [];
    for (let i = 0; i < values.length; i += POSTGRES_BATCH_ROWS) {
      numbers.push(...(yield* insertNewRequests(values.slice(i, i + POSTGRES_BATCH_ROWS).map((v) => newRequestParams(v, dialect)))));
    }
    if (numbers.length) announce(importAnnouncement(numbers));
    return numbers;
  });
}

/**
 * An import is announced as one change, its last new request: every open queue refetches
 * on it. One event per row would send thousands to every open page at once (each a
 * refetch), and overflow the bus's ring of recent events.
 */
const importAnnouncement = (numbers: number[]) => requestChanged(formatRequestNumber(numbers.at(-1)!), 1);

/**
 * SQLite: in one IMMEDIATE transaction on a worker thread. Fails with the SqliteError's
 * name and code (so isUniqueViolation and the outage mapping read it as from a direct
 * connection).
 */
async function insertRequestsInWorker(values: NewRequestValues[]): Promise<number[]> {
  writeConnection(); // the same availability check as every direct write: 503 when the file is gone
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: sqliteFileFromUrl(env().DATABASE_URL),
      pragmas: SQLITE_PRAGMAS,
      sql: NEW_REQUEST_SQL,
    },
  });
  try {
    const answer = new Promise<Answer>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`bulk insert worker exited (${code})`)));
    });
    for (let i = 0; i < values.length; i += HANDOFF_ROWS) {
      worker.postMessage({ rows: values.slice(i, i + HANDOFF_ROWS).map((v) => newRequestParams(v, sqliteDialect)) });
      await yieldToEventLoop();
    }
    worker.postMessage({ run: true });
    const result = await answer;
    if ("numbers" in result) return result.numbers;
    throw Object.assign(new Error(result.error.message), { name: result.error.name ?? "Error", code: result.error.code });
  } finally {
    void worker.terminate();
  }
}
