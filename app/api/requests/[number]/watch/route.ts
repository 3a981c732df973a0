import { withApi } from "@/lib/api/with-api";
import { setWatching, watchState } from "@/lib/data/notifications/watch";
import { refuseOtherMethods } from "@/lib/api/method-not-allowed";

// GET /api/requests/{number}/watch — does the caller watch it?
export const GET = withApi<{ number: string }>(async ({ user, params }) => Response.json(await watchState(user, params.number)));

// PUT: Watch (notifications of every change). DELETE: Unwatch (also for its requester or assignee).
export const PUT = withApi<{ number: string }>(async ({ user, params }) => Response.json(await setWatching(user, params.number, true)));
export const DELETE = withApi<{ number: string }>(async ({ user, params }) => Response.json(await setWatching(user, params.number, false)));

// Any other method: 405 in the error envelope, with Allow.
export const { POST, PATCH } = refuseOtherMethods("GET", "PUT", "DELETE");
