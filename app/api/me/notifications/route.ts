import { withApi } from "@/lib/api/with-api";
import { parseJsonBody } from "@/lib/api/parse";
import { updateNotificationSettingsSchema } from "@/lib/schemas/notification";
import { notificationSettings, updateNotificationSettings } from "@/lib/data/notifications/settings";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/me/notifications — the caller's mail choices per kind.
export const GET = withApi(async ({ user }) => Response.json(await notificationSettings(user)));

// PUT — { email: { "request.commented": false, … } }: the kinds named change, the rest stay.
export const PUT = withApi(async ({ req, user }) =>
  Response.json(await updateNotificationSettings(user, await parseJsonBody(req, updateNotificationSettingsSchema))),
);

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PATCH, DELETE } = refuseOtherMethods("GET", "PUT");
