// The inbox and watching, one schema each for the API, the pages and OpenAPI.
import { z } from "zod";
import { REQUEST_EVENT_TYPES } from "@/lib/outbox/events";
import { queryPositiveInt } from "./text-fields";
import { EMAIL_KIND_IDS } from "@/lib/notifications/kinds";

export const notificationSchema = z
  .object({
    id: z.number().int(),
    number: z.string().meta({ example: "KV-12" }),
    kind: z.enum(REQUEST_EVENT_TYPES),
    title: z.string().meta({ example: "KV-12 payments_ledger: Needs info" }),
    body: z.string().nullable().describe("The status note (what Needs info asks for) or the comment"),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Notification" });
export type NotificationDto = z.infer<typeof notificationSchema>;

export const inboxQuerySchema = z.strictObject({
  unread: z.enum(["true", "false"], { error: "unread must be true or false" }).optional().describe("true: unread only"),
  before: queryPositiveInt("before", 2 ** 31 - 1)
    .optional()
    .describe("Older than this notification id (the next page)"),
  limit: queryPositiveInt("limit", 100).default(50),
});

export const inboxResponseSchema = z.object({
  items: z.array(notificationSchema).describe("Newest first"),
  unreadCount: z.number().int(),
});
export type InboxResponse = z.infer<typeof inboxResponseSchema>;

export const markReadBodySchema = z.union([
  z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadBody = z.infer<typeof markReadBodySchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int() });

export const watchStateSchema = z.object({ number: z.string(), watching: z.boolean() });
export type WatchState = z.infer<typeof watchStateSchema>;

const emailByKind = z.object(Object.fromEntries(EMAIL_KIND_IDS.map((k) => [k, z.boolean()])) as Record<(typeof EMAIL_KIND_IDS)[number], z.ZodBoolean>);

export const notificationSettingsSchema = z
  .object({
    mailConfigured: z.boolean().describe("false: the server sends no mail (SMTP_URL unset); the choices still keep"),
    email: emailByKind.describe("Mail on or off per kind (the inbox always gets everything)"),
  })
  .meta({ id: "NotificationSettings" });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationSettingsSchema = z.strictObject({ email: emailByKind.partial().strict() });
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettingsSchema>;
