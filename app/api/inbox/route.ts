import { withApi } from "@/lib/api/with-api";
import { parseSearchParams } from "@/lib/api/parse";
import { inboxQuerySchema } from "@/lib/schemas/notification";
import { listInbox } from "@/lib/data/notifications/inbox";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/inbox — the caller's notifications, newest first, with the unread count.
export const GET = withApi(async ({ req, user }) => Response.json(await listInbox(user, parseSearchParams(req, inboxQuerySchema))));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
