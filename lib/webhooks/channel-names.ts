// The outbox channels of this folder (lib/outbox/channels.ts registers them).
export const WEBHOOK_CHANNEL = "webhook";
export const SLACK_CHANNEL = "slack";

/** Deliveries of one request to one endpoint go one after another, in order. */
export const webhookOrderKey = (endpointId: string, requestNumber: number) => `${WEBHOOK_CHANNEL}:${endpointId}:${requestNumber}`;
