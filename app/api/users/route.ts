import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { listUsersQuerySchema } from "@/lib/schemas/request";
import { listUsers } from "@/lib/data/users/list-users";

// GET /api/users?role=ADMIN — people to assign requests to or filter the queue by.
export const GET = withApi(async ({ req }) => {
  const { role } = parseSearchParams(req, listUsersQuerySchema);
  return Response.json(await listUsers(role));
});
