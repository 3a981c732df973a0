import "server-only";
import { db } from "@/lib/db";
import type { UserChangeDto } from "@/lib/schemas/user";

const person = { select: { id: true, name: true, email: true } } as const;

/** The latest changes admins made to people (role, active), newest first. */
export async function listUserChanges(limit = 20): Promise<UserChangeDto[]> {
  const rows = await db.userChange.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { actor: person, user: person },
  });
  return rows.map((r) => ({
    id: r.id,
    actor: r.actor,
    user: r.user,
    field: r.field === "active" ? "active" : "role",
    from: r.fromValue,
    to: r.toValue,
    createdAt: r.createdAt.toISOString(),
  }));
}
