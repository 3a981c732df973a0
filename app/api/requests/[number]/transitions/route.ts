import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { transitionBodySchema } from "@/lib/schemas/request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// POST /api/requests/{number}/transitions — { to, note?, version? }: one workflow step.
export const POST = withApi<{ number: string }>(async ({ req, user, params }) => {
  const body = await parseJsonBody(req, transitionBodySchema);
  return Response.json(await transitionRequest(user, params.number, body, req.headers.get("if-match")));
});

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
