// An admin changes a person's role or deactivates (or reactivates) them. One write
// transaction (SQLite's IMMEDIATE one; on PostgreSQL behind an advisory lock) reads the person and the number of active admins,
// applies the change, records it in UserChange (append-only) and, on deactivation, ends
// every session and API token of the person: their next call is a 401. Two admins racing
// to demote each other are serialized, so the last active admin always remains.
import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { writeDatabase } from "@/lib/db/sql/database";
import { count, row, run } from "@/lib/db/sql/reads";
import type { UpdateUserBody, UserDto } from "@/lib/schemas/user";
import { toUserDto, userDtoSelect } from "@/lib/data/users/list-users";

type Target = { id: string; role: string; active: number | boolean };

export const LAST_ADMIN_MESSAGE = "You are the last active admin: make someone else an admin first, or nobody could manage people or the queue.";

export async function updateUser(actor: SessionUser, id: string, body: UpdateUserBody): Promise<UserDto> {
  await writeDatabase(function* (dialect) {
    const serialize = dialect.serializeWriters("user-roles");
    if (serialize) yield* row(serialize);
    const target = yield* row<Target>(`SELECT "id", "role", "active" FROM "user" WHERE "id" = ?`, [id]);
    if (!target) throw ApiError.notFound("The person");
    const wasActive = Boolean(target.active);
    const role = body.role ?? (target.role === "ADMIN" ? "ADMIN" : "REQUESTER");
    const active = body.active ?? wasActive;
    const changes: { field: "role" | "active"; from: string; to: string }[] = [];
    if (role !== target.role) changes.push({ field: "role", from: target.role, to: role });
    if (active !== wasActive) changes.push({ field: "active", from: String(wasActive), to: String(active) });
    if (changes.length === 0) return;

    const wasActiveAdmin = wasActive && target.role === "ADMIN";
    if (wasActiveAdmin && !(active && role === "ADMIN")) {
      const others = yield* count(`SELECT COUNT(*) FROM "user" WHERE "role" = 'ADMIN' AND "active" = ? AND "id" <> ?`, [dialect.boolParam(true), id]);
      if (others === 0) {
        throw new ApiError("CONFLICT", target.id === actor.id ? LAST_ADMIN_MESSAGE : "This is the last active admin: make someone else an admin first.", [
          { path: active ? "role" : "active", message: "LAST_ACTIVE_ADMIN" },
        ]);
      }
    }

    const now = dialect.dateParam(new Date());
    yield* run(`UPDATE "user" SET "role" = ?, "active" = ?, "updatedAt" = ? WHERE "id" = ?`, [role, dialect.boolParam(active), now, id]);
    for (const c of changes)
      yield* run(`INSERT INTO "UserChange" ("actorId", "userId", "field", "fromValue", "toValue", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`, [
        actor.id,
        id,
        c.field,
        c.from,
        c.to,
        now,
      ]);
    if (!active && wasActive) {
      // Ends them now: the next call with a session cookie or a token is a 401.
      yield* run(`DELETE FROM "session" WHERE "userId" = ?`, [id]);
      yield* run(`UPDATE "ApiToken" SET "revokedAt" = ? WHERE "userId" = ? AND "revokedAt" IS NULL`, [now, id]);
    }
  });
  const user = await db.user.findUniqueOrThrow({ where: { id }, select: userDtoSelect });
  return toUserDto(user, actor);
}
