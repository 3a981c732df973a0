// Slack through the outbox against a real HTTP receiver on loopback standing in for
// Slack's incoming webhook: a new request and a status change (with its note) arrive as
// readable messages with the request's link; other events post nothing; a Slack that
// answers 500 gets the same message again. A SLACK_WEBHOOK_URL that does not parse
// stops the app at start.
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { toSessionUser } from "@/lib/auth/roles";
import { createRequest } from "@/lib/data/requests/create-request";
import { transitionRequest } from "@/lib/data/requests/transition-request";
import { addComment } from "@/lib/data/requests/add-comment";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { OutboxWorker } from "@/lib/outbox/worker";
import { unregisterChannel } from "@/lib/outbox/registry";
import { registerSlackChannel } from "@/lib/webhooks/slack-channel";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";
import { startReceiver, type Receiver } from "@/tests/helpers/receiver";
import { closeOwnConnections, ownConnection } from "@/tests/helpers/own-connection";

let slack: Receiver;

beforeAll(async () => {
  slack = await startReceiver(3930, "/services/T000/B000/XXXX");
  registerSlackChannel(slack.url, { baseDelayMs: 50, timeoutMs: 2000 });
});
afterAll(async () => {
  unregisterChannel("slack");
  await slack.close();
  await closeOwnConnections();
  await db.$disconnect();
});

type Message = { text: string; blocks: { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }[] };

it("posts new requests and status changes, with the note and the request's link, and nothing else", async () => {
  const alice = toSessionUser(await createUser("alice", "REQUESTER", "payments"));
  const admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
  const worker = new OutboxWorker({ transaction: ownConnection() });
  slack.answers = [500]; // Slack has a hiccup: the first message comes again
  const r = await createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: "payments_ledger", ownerTeam: "payments" })));
  await addComment(admin, r.number, { body: "no Slack for comments" });
  const reviewed = await transitionRequest(admin, r.number, { to: "IN_REVIEW", note: null, version: r.version }, null);
  await transitionRequest(admin, r.number, { to: "NEEDS_INFO", note: "Which region <first>?", version: reviewed.version }, null);
  const deadline = Date.now() + 5000;
  while (slack.received.length < 4 && Date.now() < deadline) {
    await worker.drain();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  await worker.drain();
  expect(slack.received).toHaveLength(4);
  expect(slack.received.every((m) => m.path === "/services/T000/B000/XXXX" && m.headers["content-type"] === "application/json")).toBe(true);
  const [first, again, review, needsInfo] = slack.received.map((m) => JSON.parse(m.body) as Message);
  const link = `http://localhost:3000/requests/${r.number}`;
  expect(again).toEqual(first);
  expect(first!.text).toBe(`${r.number} payments_ledger: new request by User alice (payments): New dataset, us-east-1 ${link}`);
  expect(first!.blocks[0]).toEqual({
    type: "section",
    text: { type: "mrkdwn", text: `*<${link}|${r.number} payments_ledger>*: new request by User alice (payments): New dataset, us-east-1` },
  });
  expect(review!.text).toBe(`${r.number} payments_ledger: Submitted → In review by User admin ${link}`);
  expect(needsInfo!.text).toBe(`${r.number} payments_ledger: In review → Needs info by User admin — “Which region <first>?” ${link}`);
  // Slack's markup characters in people's text are escaped in blocks.
  expect(needsInfo!.blocks[1]).toEqual({ type: "section", text: { type: "mrkdwn", text: "> Which region &lt;first&gt;?" } });
  expect(needsInfo!.blocks[2]!.elements![0]!.text).toBe(`<${link}|Open ${r.number} in KVStore>`);
});

it("refuses a SLACK_WEBHOOK_URL that does not parse, naming it", () => {
  const base = { BETTER_AUTH_SECRET: "x".repeat(32) };
  expect(() => parseEnv({ ...base, SLACK_WEBHOOK_URL: "hooks.slack.com/services/T/B/X" })).toThrow(
    "Invalid environment: SLACK_WEBHOOK_URL: SLACK_WEBHOOK_URL must be the http(s) URL of a Slack incoming webhook",
  );
  expect(parseEnv({ ...base, SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/X" }).SLACK_WEBHOOK_URL).toBe("https://hooks.slack.com/services/T/B/X");
  expect(parseEnv({ ...base, SLACK_WEBHOOK_URL: "" }).SLACK_WEBHOOK_URL).toBeUndefined();
  expect(() => parseEnv({ ...base, WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow("WEBHOOK_ALLOW_PRIVATE must be 1 or 0");
  expect(parseEnv({ ...base, WEBHOOK_ALLOW_PRIVATE: "1" }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
  expect(parseEnv(base).WEBHOOK_ALLOW_PRIVATE).toBe(false);
});
