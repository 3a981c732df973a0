import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { updateUserBodySchema } from "@/lib/schemas/user";
import { updateUser } from "@/lib/data/users/update-user";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// PATCH /api/users/{id} — admins: { role?, active? }; deactivating ends the person's sessions and tokens.
export const PATCH = withApi<{ id: string }>(
  async ({ req, user, params }) => Response.json(await updateUser(user, params.id, await parseJsonBody(req, updateUserBodySchema))),
  { role: "ADMIN" },
);

// Any other method: 405 in the error envelope, with Allow.
export const { GET, POST, PUT, DELETE } = refuseOtherMethods("PATCH");
