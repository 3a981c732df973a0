// Every channel the outbox delivers to registers its planner and deliverer here, once per
// process, before a worker starts. A new channel (webhooks, Slack) adds one line.
import "server-only";
import { registerInboxChannel } from "@/lib/notifications/inbox-channel";
import { registerEmailChannel } from "@/lib/notifications/email-channel";
import { env } from "@/lib/env";
import { registerWebhookChannel } from "@/lib/webhooks/webhook-channel";
import { registerSlackChannel } from "@/lib/webhooks/slack-channel";

let registered = false;

export function registerChannels() {
  if (registered) return;
  registered = true;
  registerInboxChannel();
  registerEmailChannel();
  registerWebhookChannel();
  const slack = env().SLACK_WEBHOOK_URL;
  if (slack) registerSlackChannel(slack);
}
