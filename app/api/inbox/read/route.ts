import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { markReadBodySchema } from "@/lib/schemas/notification";
import { markRead } from "@/lib/data/notifications/inbox";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// POST /api/inbox/read — { ids } or { all: true }: mark the caller's notifications read.
export const POST = withApi(async ({ req, user }) => Response.json(await markRead(user, await parseJsonBody(req, markReadBodySchema))));

// Any other method: 405 in the error envelope, with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
