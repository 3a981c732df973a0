// The Slack message of a new request or a status change (incoming-webhook JSON: a text
// fallback for notifications and blocks for the channel), with the request's link.
import { LABELS, type RequestStatus } from "@/lib/domain/requests/options";
import type { RequestDetail } from "@/lib/schemas/request";

/** Slack's mrkdwn treats these three as markup. */
const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export type SlackEvent = { type: "request.created" } | { type: "request.status_changed"; from: string; to: string; note: string | null };

export function slackMessage(event: SlackEvent, request: RequestDetail, actorName: string, baseUrl: string) {
  const link = `${baseUrl.replace(/\/$/, "")}/requests/${request.number}`;
  const title = `${request.number} ${request.datasetName}`;
  const status = (s: string) => LABELS.status[s as RequestStatus] ?? s;
  const what =
    event.type === "request.created"
      ? `new request by ${actorName} (${request.ownerTeam}): ${LABELS.requestType[request.requestType]}, ${request.regions.join(", ")}`
      : `${status(event.from)} → ${status(event.to)} by ${actorName}`;
  const note = event.type === "request.status_changed" && event.note ? event.note : null;
  const blocks: object[] = [{ type: "section", text: { type: "mrkdwn", text: `*<${link}|${escape(title)}>*: ${escape(what)}` } }];
  if (note) blocks.push({ type: "section", text: { type: "mrkdwn", text: `> ${escape(note).replaceAll("\n", "\n> ")}` } });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `<${link}|Open ${request.number} in KVStore>` }] });
  return { text: `${title}: ${what}${note ? ` — “${note}”` : ""} ${link}`, blocks };
}
