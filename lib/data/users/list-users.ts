import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { containsIgnoringCase } from "@/lib/db/sql/database";
import type { SessionUser } from "@/lib/auth/roles";
import type { ListUsersQuery, UserDto, UserListResponse } from "@/lib/schemas/user";

const select = { id: true, name: true, email: true, role: true, team: true, active: true, lastSeenAt: true } as const;
type UserRow = Prisma.UserGetPayload<{ select: typeof select }>;

/** One person as the API shows them; when they were last seen is for admins only. */
export function toUserDto(u: UserRow, viewer: Pick<SessionUser, "role">): UserDto {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role === "ADMIN" ? "ADMIN" : "REQUESTER",
    team: u.team,
    active: u.active,
    lastSeenAt: viewer.role === "ADMIN" ? (u.lastSeenAt?.toISOString() ?? null) : null,
  };
}

/**
 * People, searched (name, email or team contains q), filtered, sorted and paged in the
 * database; names and emails are not secret inside the company. Sorting by when people
 * were last seen is for admins (403 otherwise), as the time itself is.
 */
export async function listUsers(viewer: Pick<SessionUser, "role">, query: ListUsersQuery): Promise<UserListResponse> {
  if (query.sort === "lastSeenAt" && viewer.role !== "ADMIN") throw ApiError.forbidden("Only admins can sort people by when they were last seen.");
  const where: Prisma.UserWhereInput = {};
  if (query.id) where.id = query.id;
  if (query.role) where.role = query.role;
  if (query.active !== undefined) where.active = query.active;
  const q = query.q?.trim();
  if (q) where.OR = [{ name: containsIgnoringCase(q) }, { email: containsIgnoringCase(q) }, { team: containsIgnoringCase(q) }];
  const { sort, order } = query;
  const orderBy: Prisma.UserOrderByWithRelationInput[] =
    sort === "lastSeenAt" || sort === "team"
      ? [{ [sort]: { sort: order, nulls: "last" } }, { name: "asc" }, { id: "asc" }]
      : [{ [sort]: order }, ...(sort === "name" ? [] : [{ name: "asc" as const }]), { id: "asc" }];
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, select, orderBy, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.user.count({ where }),
  ]);
  return { items: rows.map((u) => toUserDto(u, viewer)), total, page: query.page, pageSize: query.pageSize };
}

export const userDtoSelect = select;
