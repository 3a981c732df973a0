import "server-only";
import { db } from "@/lib/db";
import type { UserListResponse } from "@/lib/schemas/request";

/** People to assign or filter by; names and emails are not secret inside the company. */
export async function listUsers(role?: "ADMIN" | "REQUESTER"): Promise<UserListResponse> {
  const users = await db.user.findMany({
    where: role ? { role } : {},
    select: { id: true, name: true, email: true, role: true, team: true },
    orderBy: { name: "asc" },
  });
  return { items: users.map((u) => ({ ...u, role: u.role === "ADMIN" ? "ADMIN" : "REQUESTER" })) };
}
