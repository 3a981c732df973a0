// The bare limits of export and import (npm run bench, transfer.mjs): what SQLite and the
// CSV/JSON libraries do with the same rows when nothing else runs. Benchmark code only.
//
//   export: one query of the view's rows (the queue's order, number descending), streamed
//           through csv-stringify (or JSON.stringify per row) into a sink that counts bytes.
//   import: the file parsed (csv-parse / JSON.parse), then every row inserted with the
//           app's own statements (insert-request.ts) in one transaction, no checks.
//
//   node --conditions=react-server --import tsx scripts/bench/bare-transfer.ts export <db> csv|json [status]
//   node --conditions=react-server --import tsx scripts/bench/bare-transfer.ts import <db> <file> csv|json <requesterId>
// Prints one JSON line: { rows, bytes, seconds, cpuSeconds }.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import { stringify } from "csv-stringify";
import { parse } from "csv-parse/sync";
import { EXPORT_CSV_COLUMNS } from "../../lib/schemas/export";
import { NEW_REQUEST_SQL, newRequestParams, newRequestValues } from "../../lib/data/requests/insert-request";
import { sqliteDialect } from "../../lib/db/sql/dialect";
import type { CreateRequestBody } from "../../lib/schemas/request";

const [kind, file, ...rest] = process.argv.slice(2);
const db = new Database(file!);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");

/** A sink that keeps only the count of bytes. */
function counter() {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
}

async function bareExport(format: string, status: string | undefined) {
  const started = performance.now();
  const rows = db
    .prepare(
      `SELECT r.*, q."email" AS "requester", a."email" AS "assignee"
       FROM "DatasetRequest" AS r CROSS JOIN "user" AS q ON q."id" = r."requesterId" LEFT JOIN "user" AS a ON a."id" = r."assigneeId"
       ${status ? `WHERE r."status" = ?` : ""} ORDER BY r."number" DESC`,
    )
    .iterate(...(status ? [status] : [])) as IterableIterator<Record<string, unknown>>;
  const { sink, bytes } = counter();
  let count = 0;
  async function* records() {
    for (const row of rows) {
      count++;
      yield format === "csv" ? EXPORT_CSV_COLUMNS.map((c) => row[c] ?? "") : row;
    }
  }
  if (format === "csv") await pipeline(records(), stringify({ header: true, columns: [...EXPORT_CSV_COLUMNS] }), sink);
  else
    await pipeline(async function* () {
      let first = true;
      for await (const row of records()) {
        yield (first ? "[\n" : ",\n") + JSON.stringify(row);
        first = false;
      }
      yield first ? "[]\n" : "\n]\n";
    }, sink);
  return { rows: count, bytes: bytes(), seconds: (performance.now() - started) / 1000 };
}

/** A CSV record of the import file back into the JSON types (as parse-import-file.ts does, for these rows). */
function fromCsv(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === "") continue;
    if (k === "regions") out[k] = v.split(";");
    else if (v === "true" || v === "false") out[k] = v === "true";
    else if (k !== "estimatedKeyCount" && /^[0-9.]+$/.test(v)) out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

function bareImport(path: string, format: string, requesterId: string) {
  const started = performance.now();
  const text = readFileSync(path, "utf8");
  const bodies = (format === "csv" ? (parse(text, { columns: true }) as Record<string, string>[]).map(fromCsv) : JSON.parse(text)) as CreateRequestBody[];
  const now = new Date();
  const request = db.prepare(NEW_REQUEST_SQL.request);
  const then = NEW_REQUEST_SQL.then.map((f) => ({ statement: db.prepare(f.sql), numberAt: f.numberAt }));
  db.transaction(() => {
    for (const body of bodies) {
      const p = newRequestParams(newRequestValues(requesterId, body, now), sqliteDialect);
      const { number } = request.get(...p.request) as { number: number };
      then.forEach((f, i) => {
        const params = p.then[i]!.slice();
        for (const at of f.numberAt) params[at] = number;
        f.statement.run(...params);
      });
    }
  }).immediate();
  return { rows: bodies.length, bytes: text.length, seconds: (performance.now() - started) / 1000 };
}

void (async () => {
  const cpu = process.cpuUsage();
  const result = kind === "export" ? await bareExport(rest[0]!, rest[1]) : bareImport(rest[0]!, rest[1]!, rest[2]!);
  const used = process.cpuUsage(cpu);
  db.close();
  console.log(JSON.stringify({ ...result, cpuSeconds: (used.user + used.system) / 1e6 }));
})();
