// The admins' daily digest of stale requests (lib/domain/requests/staleness.ts), mailed
// once a day from DIGEST_HOUR_UTC on: each admin's mail goes into the outbox under the
// delivery id digest:<date>:<admin>, which is unique, so however many workers (or
// restarts) try, one mail per admin per day is written, and the worker delivers it.
import type { Dialect } from "@/lib/db/sql/dialect";
import { rows, type Read } from "@/lib/db/sql/reads";
import { staleThresholds } from "@/lib/domain/requests/staleness";
import { LABELS, type RequestStatus } from "@/lib/domain/requests/options";
import { isoFromSqlite } from "@/lib/data/requests/list-query/page";
import { enqueueOnce } from "@/lib/outbox/store";
import { wantingMail, EMAIL_CHANNEL } from "@/lib/notifications/email-channel";
import { escapeHtml, type RenderedMail } from "@/lib/notifications/email-render";

const DAY_MS = 86_400_000;
const MAX_LISTED = 50;

type Stale = { number: number; datasetName: string; status: RequestStatus; statusChangedAt: string };

export function* staleRequests(d: Dialect, now: Date): Read<Stale[]> {
  const entries = staleThresholds(now.getTime());
  const where = entries.map(() => `("status" = ? AND "statusChangedAt" < ?)`).join(" OR ");
  const params = entries.flatMap(([status, since]) => [status, d.dateParam(since)]);
  const found = yield* rows<Stale>(
    `SELECT "number", "datasetName", "status", "statusChangedAt" FROM "DatasetRequest" WHERE ${where} ORDER BY "statusChangedAt" ASC, "number" ASC`,
    params,
  );
  return found.map((r) => ({ ...r, statusChangedAt: isoFromSqlite(r.statusChangedAt) }));
}

/** Writes today's digest for every admin who wants it, if the hour has come and anything is stale; how many were written. */
export function* enqueueDigestIfDue(d: Dialect, { now, hourUtc, baseUrl }: { now: Date; hourUtc: number; baseUrl: string }): Read<number> {
  if (now.getUTCHours() < hourUtc) return 0;
  const date = now.toISOString().slice(0, 10);
  const stale = yield* staleRequests(d, now);
  if (stale.length === 0) return 0;
  const admins = yield* rows<{ id: string }>(`SELECT "id" FROM "user" WHERE "role" = 'ADMIN' AND "active" = ?`, [d.boolParam(true)]);
  let written = 0;
  const wanting = yield* wantingMail(
    d,
    admins.map((a) => a.id),
    "digest",
  );
  for (const admin of wanting) {
    const mail = renderDigest(stale, { to: admin.email, date, now, baseUrl });
    if (yield* enqueueOnce(d, { channel: EMAIL_CHANNEL, deliveryId: `digest:${date}:${admin.id}`, target: admin.email, payload: { mail }, now })) written += 1;
  }
  return written;
}

export function renderDigest(stale: Stale[], { to, date, now, baseUrl }: { to: string; date: string; now: Date; baseUrl: string }): RenderedMail {
  const base = baseUrl.replace(/\/$/, "");
  const line = (r: Stale) => {
    const days = Math.floor((now.getTime() - new Date(r.statusChangedAt).getTime()) / DAY_MS);
    return { text: `KV-${r.number} ${r.datasetName}: ${LABELS.status[r.status]} for ${days} days`, link: `${base}/requests/KV-${r.number}` };
  };
  const lines = stale.slice(0, MAX_LISTED).map(line);
  const more = stale.length > MAX_LISTED ? `…and ${stale.length - MAX_LISTED} more: ${base}/requests?stale=true` : null;
  const subject = `[KVStore] ${stale.length} stale request${stale.length === 1 ? "" : "s"} on ${date}`;
  const text = [`Requests open longer than their status allows:`, "", ...lines.map((l) => `${l.text}\n  ${l.link}`), ...(more ? ["", more] : [])].join("\n");
  const html = [
    `<p>Requests open longer than their status allows:</p>`,
    `<ul>${lines.map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.text)}</a></li>`).join("")}</ul>`,
    ...(more ? [`<p><a href="${escapeHtml(`${base}/requests?stale=true`)}">${escapeHtml(more)}</a></p>`] : []),
  ].join("\n");
  return { to, subject, text, html, headers: {} };
}
