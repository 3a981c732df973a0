import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { listUsersQuerySchema } from "@/lib/schemas/request";
import { listUsers } from "@/lib/data/users/list-users";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/users?role=ADMIN — people to assign requests to or filter the queue by.
export const GET = withApi(async ({ req }) => {
  const { role } = parseSearchParams(req, listUsersQuerySchema);
  return Response.json(await listUsers(role));
});

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
