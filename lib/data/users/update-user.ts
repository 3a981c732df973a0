// An admin changes a person's role or deactivates (or reactivates) them. One IMMEDIATE
// transaction on the write connection reads the person and the number of active admins,
// applies the change, records it in UserChange (append-only) and, on deactivation, ends
// every session and API token of the person: their next call is a 401. Two admins racing
// to demote each other are serialized, so the last active admin always remains.
import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { inWriteTransaction } from "@/lib/db/sqlite-connections";
import { sqliteDateTime } from "@/lib/db/sqlite-datetime";
import type { UpdateUserBody, UserDto } from "@/lib/schemas/user";
import { toUserDto, userDtoSelect } from "@/lib/data/users/list-users";

type Target = { id: string; role: string; active: number };

export const LAST_ADMIN_MESSAGE = "You are the last active admin: make someone else an admin first, or nobody could manage people or the queue.";

export async function updateUser(actor: SessionUser, id: string, body: UpdateUserBody): Promise<UserDto> {
  await inWriteTransaction((w) => {
    const target = w.prepare(`SELECT "id", "role", "active" FROM "user" WHERE "id" = ?`).get(id) as Target | undefined;
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
      const others = w.prepare(`SELECT COUNT(*) FROM "user" WHERE "role" = 'ADMIN' AND "active" = 1 AND "id" <> ?`).pluck().get(id) as number;
      if (others === 0) {
        throw new ApiError("CONFLICT", target.id === actor.id ? LAST_ADMIN_MESSAGE : "This is the last active admin: make someone else an admin first.", [
          { path: active ? "role" : "active", message: "LAST_ACTIVE_ADMIN" },
        ]);
      }
    }

    const now = sqliteDateTime(new Date());
    w.prepare(`UPDATE "user" SET "role" = ?, "active" = ?, "updatedAt" = ? WHERE "id" = ?`).run(role, active ? 1 : 0, now, id);
    const record = w.prepare(`INSERT INTO "UserChange" ("actorId", "userId", "field", "fromValue", "toValue", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`);
    for (const c of changes) record.run(actor.id, id, c.field, c.from, c.to, now);
    if (!active && wasActive) {
      // Ends them now: the next call with a session cookie or a token is a 401.
      w.prepare(`DELETE FROM "session" WHERE "userId" = ?`).run(id);
      w.prepare(`UPDATE "ApiToken" SET "revokedAt" = ? WHERE "userId" = ? AND "revokedAt" IS NULL`).run(now, id);
    }
  });
  const user = await db.user.findUniqueOrThrow({ where: { id }, select: userDtoSelect });
  return toUserDto(user, actor);
}
