// "Last seen" on the people page: the time of a person's last authenticated call, kept
// to the minute. Cheap on the hot path: a process remembers whom it wrote in the last
// minute and skips them without touching the database; otherwise one conditional UPDATE
// by primary key, as plain SQL (not Prisma, so user.updatedAt keeps meaning "the person
// changed"). Best effort: a failed write (the database is busy or read-only) never
// fails the call it belongs to.
import "server-only";
import { writeDatabase } from "@/lib/db/sql/database";
import { run } from "@/lib/db/sql/reads";

const RESOLUTION_MS = 60_000;
const MAX_REMEMBERED = 100_000;
const written = new Map<string, number>();
/** Writes not settled yet (on PostgreSQL a round trip; on SQLite they settle at once). */
const inFlight = new Set<Promise<unknown>>();

export function noteSeen(userId: string, now = Date.now()): void {
  const last = written.get(userId);
  if (last !== undefined && now - last < RESOLUTION_MS) return;
  if (written.size >= MAX_REMEMBERED) written.clear();
  written.set(userId, now);
  const write = writeDatabase((dialect) =>
    run(`UPDATE "user" SET "lastSeenAt" = ? WHERE "id" = ? AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`, [
      dialect.dateParam(new Date(now)),
      userId,
      dialect.dateParam(new Date(now - RESOLUTION_MS)),
    ]),
  )
    .catch(() => {
      written.delete(userId); // try again on the next call
    })
    .finally(() => inFlight.delete(write));
  inFlight.add(write);
}

/** Tests: wait until every "last seen" write started so far has landed (or failed). */
export async function seenWritesSettled(): Promise<void> {
  await Promise.all(inFlight);
}

/** Tests: forget what was written, so the next call writes. */
export function forgetSeen(): void {
  written.clear();
}
