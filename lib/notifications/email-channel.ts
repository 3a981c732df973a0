// The email channel, on when SMTP_URL and MAIL_FROM are set: each recipient of an event
// (watchers, @mentions, never the actor) who has not turned that kind of mail off gets
// one mail; the admins' daily digest goes through it too (digest.ts).
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { Dialect } from "@/lib/db/sql/dialect";
import { rows, type Read } from "@/lib/db/sql/reads";
import { env, publicBaseUrl } from "@/lib/env";
import { registerDeliverer, registerPlanner, type OutboxItemRow } from "@/lib/outbox/registry";
import { describeEvent } from "@/lib/notifications/describe";
import { recipientsOf } from "@/lib/notifications/recipients";
import { renderNotificationMail, type RenderedMail } from "@/lib/notifications/email-render";
import type { EmailKind } from "@/lib/notifications/kinds";

export const EMAIL_CHANNEL = "email";

/** Who of these people wants mail of this kind: active, and not turned off (the default is on). */
export function* wantingMail(d: Dialect, userIds: string[], kind: EmailKind): Read<{ id: string; email: string }[]> {
  if (userIds.length === 0) return [];
  const yes = d.boolParam(true);
  return yield* rows<{ id: string; email: string }>(
    `SELECT u."id", u."email" FROM "user" u
     LEFT JOIN "NotificationPreference" p ON p."userId" = u."id" AND p."kind" = ?
     WHERE u."id" IN (${userIds.map(() => "?").join(", ")}) AND u."active" = ? AND COALESCE(p."email", ?) = ?`,
    [kind, ...userIds, yes, yes, yes],
  );
}

export function registerEmailChannel() {
  if (!env().SMTP_URL || !env().MAIL_FROM) return;
  registerPlanner(EMAIL_CHANNEL, function* (event, d) {
    if (event.type === "request.created") return [];
    const people = yield* wantingMail(d, yield* recipientsOf(d, event), event.type);
    if (people.length === 0) return [];
    const described = yield* describeEvent(event);
    if (!described) return [];
    return people.map((p) => ({
      key: p.id,
      target: p.email,
      // One person's mails about one request arrive in order, as a thread reads.
      orderKey: `email:${p.id}:${event.requestNumber}`,
      payload: { described, to: p.email },
    }));
  });
  registerDeliverer(EMAIL_CHANNEL, sendMail, { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, giveUpAfterMs: 24 * 60 * 60_000, timeoutMs: 30_000 });
}

type EmailPayload = { described: Parameters<typeof renderNotificationMail>[0]; to: string } | { mail: RenderedMail };

/** The mail an item carries: rendered now from the event's description, or already rendered (the digest). */
export function mailOf(item: OutboxItemRow): RenderedMail {
  const payload = JSON.parse(item.payload) as EmailPayload;
  if ("mail" in payload) return payload.mail;
  return renderNotificationMail(payload.described, { to: payload.to, deliveryId: item.deliveryId, baseUrl: publicBaseUrl() });
}

const globalForMail = globalThis as unknown as { kvstoreMailer?: { url: string; transport: Transporter } };

/** One pooled SMTP connection set per process; a slow server costs at most the timeouts below. */
function transport(): Transporter {
  const url = env().SMTP_URL!;
  if (globalForMail.kvstoreMailer?.url === url) return globalForMail.kvstoreMailer.transport;
  const u = new URL(url);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === "smtps:" ? 465 : 587,
    secure: u.protocol === "smtps:",
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  globalForMail.kvstoreMailer = { url, transport };
  return transport;
}

async function sendMail(item: OutboxItemRow) {
  const mail = mailOf(item);
  const { "Message-ID": messageId, "In-Reply-To": inReplyTo, References: references } = mail.headers;
  await transport().sendMail({
    from: env().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
    inReplyTo,
    references,
    // The outbox's delivery id: a receiver (or a test) de-duplicates a retried mail by it.
    headers: { "X-KVStore-Delivery": item.deliveryId },
  });
}
