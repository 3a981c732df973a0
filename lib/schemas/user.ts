// People: the list the assignee picker and the admins' people page read, an admin's
// change to a person, and the record of such changes. Client-safe.
import { z } from "zod";
import { queryPositiveInt, queryText } from "./text-fields";
import { userRefSchema } from "./request";

const ROLES = ["ADMIN", "REQUESTER"] as const;

export const USER_SORT_FIELDS = ["name", "email", "team", "role", "lastSeenAt", "createdAt"] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/** GET /api/users — people to assign (`?role=ADMIN`), or the admins' people page. */
export const listUsersQuerySchema = z.strictObject({
  q: queryText("q", 0, 100).optional().describe("Part of a name, email or team (case-insensitive)"),
  id: queryText("id", 1, 64).optional().describe("One person by id (the queue's requester filter names whom it filters by)"),
  role: z.enum(ROLES, { error: "role must be ADMIN or REQUESTER" }).optional(),
  active: z
    .enum(["true", "false"], { error: "active must be true or false" })
    .transform((v) => v === "true")
    .optional(),
  sort: z.enum(USER_SORT_FIELDS, { error: `sort must be one of ${USER_SORT_FIELDS.join(", ")}` }).default("name"),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("asc"),
  page: queryPositiveInt("page", 100_000).default(1),
  pageSize: queryPositiveInt("pageSize", 100).default(100).describe("At most 100 (the default, so `?role=ADMIN` lists the whole storage team)"),
});
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;
export type ListUsersQueryInput = z.input<typeof listUsersQuerySchema>;

export const userSchema = userRefSchema.extend({
  role: z.enum(ROLES),
  team: z.string().nullable(),
  active: z.boolean().describe("false: deactivated; cannot sign in, and no session or token works"),
  lastSeenAt: z.iso.datetime().nullable().describe("The last authenticated call (to the minute); shown to admins only, null for everyone else"),
});
export type UserDto = z.infer<typeof userSchema>;

export const userListResponseSchema = z.object({
  items: z.array(userSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UserListResponse = z.infer<typeof userListResponseSchema>;

/** PATCH /api/users/{id} — admins only. */
export const updateUserBodySchema = z
  .strictObject({
    role: z.enum(ROLES, { error: "role must be ADMIN or REQUESTER" }).optional(),
    active: z.boolean({ error: "active must be true or false" }).optional().describe("false deactivates: ends every session and API token at once"),
  })
  .refine((b) => b.role !== undefined || b.active !== undefined, { error: "Give role, active or both" });
export type UpdateUserBody = z.output<typeof updateUserBodySchema>;

/** One entry of the record of changes to people (append-only). */
export const userChangeSchema = z.object({
  id: z.number().int(),
  actor: userRefSchema.describe("The admin who made the change"),
  user: userRefSchema.describe("The person changed"),
  field: z.enum(["role", "active"]),
  from: z.string(),
  to: z.string(),
  createdAt: z.iso.datetime(),
});
export type UserChangeDto = z.infer<typeof userChangeSchema>;
