import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { SessionUser } from "@/lib/auth/roles";
import { EMAIL_KIND_IDS } from "@/lib/notifications/kinds";
import type { NotificationSettings, UpdateNotificationSettings } from "@/lib/schemas/notification";

/** The caller's mail choices; a kind never chosen is on. */
export async function notificationSettings(user: SessionUser): Promise<NotificationSettings> {
  const rows = await db.notificationPreference.findMany({ where: { userId: user.id } });
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return {
    mailConfigured: Boolean(env().SMTP_URL && env().MAIL_FROM),
    email: Object.fromEntries(EMAIL_KIND_IDS.map((k) => [k, chosen.get(k) ?? true])) as NotificationSettings["email"],
  };
}

export async function updateNotificationSettings(user: SessionUser, body: UpdateNotificationSettings): Promise<NotificationSettings> {
  await db.$transaction(
    Object.entries(body.email).map(([kind, email]) =>
      db.notificationPreference.upsert({
        where: { userId_kind: { userId: user.id, kind } },
        create: { userId: user.id, kind, email: email! },
        update: { email: email! },
      }),
    ),
  );
  return notificationSettings(user);
}
