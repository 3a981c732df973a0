// The "slack" outbox channel, on when SLACK_WEBHOOK_URL is set: new requests and status
// changes, posted to the team's channel through its incoming webhook, in order per
// request. The message is written at fan-out (the request as it is then), so retries
// post the same text. The URL is the operator's configuration, not an admin's input:
// it is not held to the public-address rule of endpoints.
import "server-only";
import type { Read } from "@/lib/db/sql/reads";
import { publicBaseUrl } from "@/lib/env";
import { detailByNumber } from "@/lib/data/requests/detail-query";
import { nameOf } from "@/lib/notifications/describe";
import type { RequestDomainEvent } from "@/lib/outbox/events";
import { registerDeliverer, registerPlanner, type PlannedItem, type RetryPolicy } from "@/lib/outbox/registry";
import { postJson } from "@/lib/webhooks/post-json";
import { slackMessage } from "@/lib/webhooks/slack-message";
import { SLACK_CHANNEL } from "@/lib/webhooks/channel-names";
import { WEBHOOK_POLICY } from "@/lib/webhooks/webhook-channel";

export function* planSlack(event: RequestDomainEvent): Read<PlannedItem[]> {
  if (event.type !== "request.created" && event.type !== "request.status_changed") return [];
  const request = yield* detailByNumber(event.requestNumber);
  if (!request) return [];
  const payload = slackMessage(event, request, (yield* nameOf(event.actorId)) ?? "someone", publicBaseUrl());
  return [{ key: "channel", orderKey: `${SLACK_CHANNEL}:${event.requestNumber}`, payload }];
}

export function registerSlackChannel(webhookUrl: string, policy: Partial<RetryPolicy> = {}) {
  const url = new URL(webhookUrl);
  registerPlanner(SLACK_CHANNEL, planSlack);
  registerDeliverer(
    SLACK_CHANNEL,
    async (item, signal) => {
      const status = await postJson(url, item.payload, { headers: {}, signal });
      if (status < 200 || status > 299) throw new Error(`Slack answered ${status}`);
    },
    { ...WEBHOOK_POLICY, ...policy },
  );
}
