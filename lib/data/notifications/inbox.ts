import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/roles";
import type { InboxResponse, MarkReadBody, NotificationDto } from "@/lib/schemas/notification";
import type { inboxQuerySchema } from "@/lib/schemas/notification";
import type { z } from "zod";
import { announcingTransaction, inboxChanged } from "@/lib/events/request-events";

type InboxQuery = z.output<typeof inboxQuerySchema>;

export const unreadCount = (userId: string) => db.notification.count({ where: { userId, readAt: null } });

/** The caller's notifications, newest first, and how many are unread. */
export async function listInbox(user: SessionUser, query: InboxQuery): Promise<InboxResponse> {
  const rows = await db.notification.findMany({
    where: { userId: user.id, ...(query.unread === "true" ? { readAt: null } : {}), ...(query.before ? { id: { lt: query.before } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit,
  });
  return { items: rows.map(toNotificationDto), unreadCount: await unreadCount(user.id) };
}

/** Marks some (only the caller's own) or all of the caller's notifications read. */
export async function markRead(user: SessionUser, body: MarkReadBody): Promise<{ unreadCount: number }> {
  await announcingTransaction(async (tx, announce) => {
    await tx.notification.updateMany({
      where: { userId: user.id, readAt: null, ...("ids" in body ? { id: { in: body.ids } } : {}) },
      data: { readAt: new Date() },
    });
    announce(inboxChanged(user.id));
  });
  return { unreadCount: await unreadCount(user.id) };
}

function toNotificationDto(n: {
  id: number;
  requestNumber: number;
  kind: string;
  title: string;
  body: string | null;
  createdAt: Date;
  readAt: Date | null;
}): NotificationDto {
  return {
    id: n.id,
    number: `KV-${n.requestNumber}`,
    kind: n.kind as NotificationDto["kind"],
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
