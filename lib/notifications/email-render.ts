// A notification as a mail: subject "[KV-12] payments_ledger: Needs info", a plain-text
// and an HTML part with the link to the request, and threading headers that make every
// mail about one request one thread in the reader's client. Pure: the planner renders,
// the deliverer only sends.
import { createHash } from "node:crypto";
import type { Described } from "@/lib/notifications/describe";

export type RenderedMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID, In-Reply-To, References (none for the digest). */
  headers: Record<string, string>;
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The thread's root id: the same for every mail about one request (it is never sent itself). */
export const threadId = (requestNumber: number, host: string) => `<kvstore-request-${requestNumber}@${host}>`;

/** A message id of its own for each delivery, in the thread's domain. */
export const messageId = (deliveryId: string, host: string) => `<${createHash("sha256").update(deliveryId).digest("hex").slice(0, 32)}@${host}>`;

export function renderNotificationMail(d: Described, { to, deliveryId, baseUrl }: { to: string; deliveryId: string; baseUrl: string }): RenderedMail {
  const host = new URL(baseUrl).hostname;
  const link = `${baseUrl.replace(/\/$/, "")}/requests/KV-${d.requestNumber}`;
  const subject = `[KV-${d.requestNumber}] ${d.datasetName}: ${d.headline}`;
  const who = d.kind === "request.commented" ? `${d.actorName} wrote:` : `by ${d.actorName}`;
  const text = [
    `KV-${d.requestNumber} ${d.datasetName}: ${d.headline}`,
    who,
    ...(d.body ? ["", d.body] : []),
    "",
    `Open the request: ${link}`,
    "",
    SETTINGS_NOTE(baseUrl),
  ].join("\n");
  const html = [
    `<p><strong>KV-${d.requestNumber} ${escapeHtml(d.datasetName)}: ${escapeHtml(d.headline)}</strong><br>${escapeHtml(who)}</p>`,
    ...(d.body ? [`<blockquote style="white-space:pre-wrap">${escapeHtml(d.body)}</blockquote>`] : []),
    `<p><a href="${escapeHtml(link)}">Open KV-${d.requestNumber}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(SETTINGS_NOTE(baseUrl))}</p>`,
  ].join("\n");
  const thread = threadId(d.requestNumber, host);
  return { to, subject, text, html, headers: { "Message-ID": messageId(deliveryId, host), "In-Reply-To": thread, References: thread } };
}

const SETTINGS_NOTE = (baseUrl: string) => `You watch this request. Choose which mail you get: ${baseUrl.replace(/\/$/, "")}/settings/notifications`;
