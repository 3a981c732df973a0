import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { commentBodySchema } from "@/lib/schemas/request";
import { addComment } from "@/lib/data/requests/add-comment";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// POST /api/requests/{number}/comments — { body }: join the discussion.
export const POST = withApi<{ number: string }>(async ({ req, user, params }) => {
  const body = await parseJsonBody(req, commentBodySchema);
  return Response.json(await addComment(user, params.number, body), { status: 201 });
});

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
