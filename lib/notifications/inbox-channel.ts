// The inbox channel: every watcher of the request (and whoever a comment @mentions) but
// the person who acted gets one notification per event.
import "server-only";
import { run } from "@/lib/db/sql/reads";
import { announcingWrite, inboxChanged } from "@/lib/events/request-events";
import { registerDeliverer, registerPlanner, type OutboxItemRow } from "@/lib/outbox/registry";
import { describeEvent, titleOf, type Described } from "@/lib/notifications/describe";
import { recipientsOf } from "@/lib/notifications/recipients";

export const INBOX_CHANNEL = "inbox";

export function registerInboxChannel() {
  registerPlanner(INBOX_CHANNEL, function* (event, d) {
    // Nobody but its requester (who made it) watches a new request.
    if (event.type === "request.created") return [];
    const recipients = yield* recipientsOf(d, event);
    if (recipients.length === 0) return [];
    const described = yield* describeEvent(event);
    if (!described) return [];
    return recipients.map((userId) => ({ key: userId, target: userId, payload: described }));
  });
  registerDeliverer(INBOX_CHANNEL, deliverToInbox, { baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 5000 });
}

async function deliverToInbox(item: OutboxItemRow) {
  const d = JSON.parse(item.payload) as Described;
  await announcingWrite(function* (dialect, announce) {
    yield* run(
      `INSERT INTO "Notification" ("userId", "deliveryId", "requestNumber", "kind", "actorId", "title", "body", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("deliveryId") DO NOTHING`,
      [item.target, item.deliveryId, d.requestNumber, d.kind, d.actorId, titleOf(d), d.body, dialect.dateParam(new Date(d.at))],
    );
    announce(inboxChanged(item.target!));
  });
}
