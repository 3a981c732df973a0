import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { updateCommentBodySchema } from "@/lib/schemas/request";
import { deleteComment, editComment } from "@/lib/data/requests/change-comment";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// PATCH /api/requests/{number}/comments/{id} — { body }: the author rewords their comment, within 15 minutes of posting.
export const PATCH = withApi<{ number: string; id: string }>(async ({ req, user, params }) => {
  const body = await parseJsonBody(req, updateCommentBodySchema);
  return Response.json(await editComment(user, params.number, params.id, body));
});

// DELETE /api/requests/{number}/comments/{id} — the author takes their comment back, within 15 minutes; it shows as "Comment deleted".
export const DELETE = withApi<{ number: string; id: string }>(async ({ user, params }) => {
  return Response.json(await deleteComment(user, params.number, params.id));
});

// Any other method: 405 in the error envelope, with Allow.
export const { GET, POST, PUT } = refuseOtherMethods("PATCH", "DELETE");
