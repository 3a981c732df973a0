import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { listUsersQuerySchema } from "@/lib/schemas/user";
import { listUsers } from "@/lib/data/users/list-users";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/users?role=ADMIN — people to assign requests to or filter the queue by; with
// q, active, sort, order, page and pageSize, the admins' people page.
export const GET = withApi(async ({ req, user }) => Response.json(await listUsers(user, parseSearchParams(req, listUsersQuerySchema))));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
