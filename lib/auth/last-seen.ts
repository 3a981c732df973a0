// "Last seen" on the people page: the time of a person's last authenticated call, kept
// to the minute. Cheap on the hot path: a process remembers whom it wrote in the last
// minute and skips them without touching the database; otherwise one conditional UPDATE
// by primary key on the direct write connection (not Prisma, so user.updatedAt keeps
// meaning "the person changed"). Best effort: a failed write (the database is busy or
// read-only) never fails the call it belongs to.
import "server-only";
import type Database from "better-sqlite3";
import { writeConnection } from "@/lib/db/sqlite-connections";
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";

const RESOLUTION_MS = 60_000;
const MAX_REMEMBERED = 100_000;
const written = new Map<string, number>();
const statements = new WeakMap<Database.Database, Database.Statement>();

export function noteSeen(userId: string, now = Date.now()): void {
  const last = written.get(userId);
  if (last !== undefined && now - last < RESOLUTION_MS) return;
  if (written.size >= MAX_REMEMBERED) written.clear();
  written.set(userId, now);
  try {
    const db = writeConnection();
    let update = statements.get(db);
    if (!update) {
      update = db.prepare(`UPDATE "user" SET "lastSeenAt" = ? WHERE "id" = ? AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`);
      statements.set(db, update);
    }
    update.run(sqliteDateTime(new Date(now)), userId, sqliteDateTime(new Date(now - RESOLUTION_MS)));
  } catch {
    written.delete(userId); // try again on the next call
  }
}

/** Tests: forget what was written, so the next call writes. */
export function forgetSeen(): void {
  written.clear();
}
