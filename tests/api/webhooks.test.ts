// Webhooks end to end against real parts: the API registers endpoints (admins and their
// tokens only), real changes of requests go through the outbox, and a real worker
// delivers them to real HTTP receivers on loopback, which check the signature, get
// retries after a 500 and after no answer, get one request's events in order, and
// redeliveries with the same delivery id. Short timeouts and backoff keep it fast.
process.env.WEBHOOK_ALLOW_PRIVATE = "1";
export {}; // a module: its requires do not share scope with other test files

/* eslint-disable @typescript-eslint/no-require-imports */
const { db } = require("@/lib/db") as typeof import("@/lib/db");
const { closeOwnConnections, ownConnection } = require("@/tests/helpers/own-connection") as typeof import("@/tests/helpers/own-connection");
const { call, signIn } = require("@/tests/helpers/http") as typeof import("@/tests/helpers/http");
const { createUser, TEST_PASSWORD, validRequestBody } = require("@/tests/helpers/fixtures") as typeof import("@/tests/helpers/fixtures");
const { startReceiver, deduplicated } = require("@/tests/helpers/receiver") as typeof import("@/tests/helpers/receiver");
const { toSessionUser } = require("@/lib/auth/roles") as typeof import("@/lib/auth/roles");
const { createRequest } = require("@/lib/data/requests/create-request") as typeof import("@/lib/data/requests/create-request");
const { transitionRequest } = require("@/lib/data/requests/transition-request") as typeof import("@/lib/data/requests/transition-request");
const { addComment } = require("@/lib/data/requests/add-comment") as typeof import("@/lib/data/requests/add-comment");
const { getRequestByNumber } = require("@/lib/data/requests/get-request") as typeof import("@/lib/data/requests/get-request");
const { createToken } = require("@/lib/data/tokens/api-tokens") as typeof import("@/lib/data/tokens/api-tokens");
const { createRequestBodySchema } = require("@/lib/schemas/request") as typeof import("@/lib/schemas/request");
const { OutboxWorker } = require("@/lib/outbox/worker") as typeof import("@/lib/outbox/worker");
const { unregisterChannel } = require("@/lib/outbox/registry") as typeof import("@/lib/outbox/registry");
const { registerWebhookChannel } = require("@/lib/webhooks/webhook-channel") as typeof import("@/lib/webhooks/webhook-channel");
const { verifySignature } = require("@/lib/webhooks/signature") as typeof import("@/lib/webhooks/signature");
const { openApiDocument } = require("@/lib/openapi/document") as typeof import("@/lib/openapi/document");
const webhooksRoute = require("@/app/api/webhooks/route") as typeof import("@/app/api/webhooks/route");
const webhookRoute = require("@/app/api/webhooks/[id]/route") as typeof import("@/app/api/webhooks/[id]/route");
const deliveriesRoute = require("@/app/api/webhooks/[id]/deliveries/route") as typeof import("@/app/api/webhooks/[id]/deliveries/route");
const redeliverRoute =
  require("@/app/api/webhooks/[id]/deliveries/[deliveryId]/redeliver/route") as typeof import("@/app/api/webhooks/[id]/deliveries/[deliveryId]/redeliver/route");

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
type SessionUser = ReturnType<typeof toSessionUser>;

let admin: SessionUser;
let alice: SessionUser;
let adminCookie: string;
let aliceCookie: string;
let worker: InstanceType<typeof OutboxWorker>;
const receivers: Receiver[] = [];
let nextPort = 3912;

// Long enough that a busy machine never times out a receiver that answers at once.
const TIMEOUT_MS = 1000;

beforeAll(async () => {
  admin = toSessionUser(await createUser("admin", "ADMIN", "storage"));
  alice = toSessionUser(await createUser("alice", "REQUESTER", "payments"));
  adminCookie = await signIn("admin@example.com", TEST_PASSWORD);
  aliceCookie = await signIn("alice@example.com", TEST_PASSWORD);
  registerWebhookChannel({ timeoutMs: TIMEOUT_MS, baseDelayMs: 100, maxDelayMs: 400 });
  worker = new OutboxWorker({ transaction: ownConnection(), concurrency: 4 });
});
afterAll(async () => {
  unregisterChannel("webhook");
  await Promise.all(receivers.map((r) => r.close()));
  await closeOwnConnections();
  await db.$disconnect();
});
// Each test starts with nothing pending from the one before (its endpoints are deleted too).
beforeEach(async () => {
  await db.webhookEndpoint.deleteMany();
  await db.outboxItem.updateMany({ where: { deliveredAt: null, failedAt: null }, data: { deliveredAt: new Date() } });
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver(nextPort++);
  receivers.push(r);
  return r;
}

async function register(url: string, events: string[], cookie = adminCookie) {
  const res = await call(webhooksRoute.POST, "POST", "/api/webhooks", { cookie, body: { url, events, description: "provisioning bot" } });
  expect(res.status).toBe(201);
  return res.json as { id: string; secret: string; url: string; events: string[] };
}

/** Runs the worker until `done` holds (retries wait for their backoff), or fails after 8 s. */
async function deliverUntil(done: () => boolean) {
  const deadline = Date.now() + 8000;
  for (;;) {
    await worker.drain();
    if (done()) return;
    if (Date.now() > deadline) throw new Error("not delivered in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const newRequest = () => createRequest(alice, createRequestBodySchema.parse(validRequestBody()));
const bodyOf = (r: { body: string }) => JSON.parse(r.body) as { id: string; type: string; createdAt: string; request: { number: string; status: string } };

describe("registering endpoints", () => {
  it("answers 201 with the id and the secret once; the list never shows the secret", async () => {
    const created = await register("http://127.0.0.1:3949/hook", ["request.created", "request.status_changed"]);
    expect(created).toMatchObject({ id: expect.stringMatching(/^wh_/), secret: expect.stringMatching(/^whsec_/), description: "provisioning bot" });
    const list = await call(webhooksRoute.GET, "GET", "/api/webhooks", { cookie: adminCookie });
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([
      {
        id: created.id,
        url: "http://127.0.0.1:3949/hook",
        events: ["request.created", "request.status_changed"],
        description: "provisioning bot",
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(list.json)).not.toContain(created.secret);
  });

  it("takes admins' API tokens, refuses requesters (session or token) and read-only tokens for changes", async () => {
    const adminToken = (await createToken(admin, { name: "hooks" })).token;
    const readOnly = (await createToken(admin, { name: "ro", readOnly: true })).token;
    const aliceToken = (await createToken(alice, { name: "mine" })).token;
    const body = { url: "http://127.0.0.1:3949/x", events: ["request.created"] };
    expect((await call(webhooksRoute.POST, "POST", "/api/webhooks", { token: adminToken, body })).status).toBe(201);
    expect((await call(webhooksRoute.GET, "GET", "/api/webhooks", { token: readOnly })).status).toBe(200);
    expect((await call(webhooksRoute.POST, "POST", "/api/webhooks", { token: readOnly, body })).status).toBe(403);
    expect((await call(webhooksRoute.POST, "POST", "/api/webhooks", { token: aliceToken, body })).status).toBe(403);
    expect((await call(webhooksRoute.GET, "GET", "/api/webhooks", { cookie: aliceCookie })).status).toBe(403);
  });

  it("refuses bad input naming the field", async () => {
    const post = (body: unknown) => call(webhooksRoute.POST, "POST", "/api/webhooks", { cookie: adminCookie, body });
    let res = await post({ url: "http://127.0.0.1:3949/x", events: [] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "events", message: "Choose at least one event" }]);
    res = await post({ url: "http://127.0.0.1:3949/x", events: ["request.deleted"] });
    expect(res.json.error.details[0].path).toBe("events.0");
    res = await post({ url: "ftp://example.com/x", events: ["request.created"] });
    expect(res.json.error.details).toEqual([{ path: "url", message: "Enter a full https:// URL" }]);
    res = await post({ url: "https://no-such-host.invalid/x", events: ["request.created"] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "url", message: "The host no-such-host.invalid does not resolve" }]);
    res = await post({ url: "http://127.0.0.1:3949/x", events: ["request.created"], secret: "mine" });
    expect(res.json.error.details).toEqual([{ path: "secret", message: 'Unknown field "secret"' }]);
  });
});

describe("deliveries", () => {
  it("POSTs each wanted event signed, with the request as GET /api/requests/{number} returns it", async () => {
    const r = await receiver();
    const hook = await register(r.url, ["request.created", "request.status_changed"]);
    const request = await newRequest();
    await addComment(admin, request.number, { body: "not wanted by this endpoint" });
    const reviewed = await transitionRequest(admin, request.number, { to: "IN_REVIEW", note: null, version: request.version }, null);
    await deliverUntil(() => r.received.length >= 2);
    await transitionRequest(admin, request.number, { to: "APPROVED", note: "Go ahead", version: reviewed.version }, null);
    await deliverUntil(() => r.received.length >= 3);
    await worker.drain();
    expect(r.received).toHaveLength(3);
    const bodies = r.received.map(bodyOf);
    expect(bodies.map((b) => b.type)).toEqual(["request.created", "request.status_changed", "request.status_changed"]);
    for (const got of r.received) {
      expect(verifySignature(hook.secret, got.body, String(got.headers["kvstore-signature"]))).toBe(true);
      expect(verifySignature("another secret", got.body, String(got.headers["kvstore-signature"]))).toBe(false);
      expect(got.headers["kvstore-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(got.headers["content-type"]).toBe("application/json");
      expect(got.headers["kvstore-event"]).toBe(bodyOf(got).type);
      expect(got.headers["kvstore-delivery"]).toBe(bodyOf(got).id);
      expect(got.path).toBe("/hook");
    }
    expect(new Set(bodies.map((b) => b.id)).size).toBe(3);
    // The approval: the full request, exactly as the API answers it.
    expect(bodies[2]!.request).toEqual(JSON.parse(JSON.stringify(await getRequestByNumber(request.number))));
    expect(bodies[2]!.request.status).toBe("APPROVED");
    expect(Object.keys(bodies[2]!)).toEqual(["id", "type", "createdAt", "request"]);

    const list = await call(deliveriesRoute.GET, "GET", `/api/webhooks/${hook.id}/deliveries`, { cookie: adminCookie, params: { id: hook.id } });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(3);
    expect(list.json.items[0]).toMatchObject({
      id: bodies[2]!.id,
      type: "request.status_changed",
      request: request.number,
      state: "delivered",
      attempts: 1,
      statusCode: 204,
      error: null,
      nextAttemptAt: null,
      attemptedAt: expect.any(String),
    });
  });

  it("retries after a 500 and after no answer in time, with the same delivery id and body; the de-duplicated receiver has it once", async () => {
    const r = await receiver();
    r.answers = [500, "hang", 200];
    const hook = await register(r.url, ["request.created"]);
    const request = await newRequest();
    await deliverUntil(() => r.received.length >= 3);
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.headers["kvstore-delivery"])).size).toBe(1);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    for (const got of r.received) expect(verifySignature(hook.secret, got.body, String(got.headers["kvstore-signature"]))).toBe(true);
    // Backoff: the retry after the 500 waited at least the first delay (100 ms).
    expect(r.received[1]!.at - r.received[0]!.at).toBeGreaterThanOrEqual(90);
    expect(deduplicated(r.received).map((x) => bodyOf(x).request.number)).toEqual([request.number]);
    const attempts = await db.webhookAttempt.findMany({ where: { endpointId: hook.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.statusCode, a.error])).toEqual([
      [500, "The endpoint answered 500"],
      [null, "No answer within the time limit"],
      [200, null],
    ]);
    const [item] = (await call(deliveriesRoute.GET, "GET", "/x", { cookie: adminCookie, params: { id: hook.id } })).json.items;
    expect(item).toMatchObject({ state: "delivered", attempts: 3, statusCode: 200 });
  });

  it("delivers one request's events to one endpoint in order, never a later one while an earlier one is pending; other requests go on", async () => {
    const r = await receiver();
    await register(r.url, ["request.created", "request.status_changed", "request.commented"]);
    const a = await newRequest();
    let failuresLeft = 2; // a's created event fails twice
    r.respond = (got) => (bodyOf(got).request.number === a.number && bodyOf(got).type === "request.created" && failuresLeft-- > 0 ? 503 : undefined);
    await worker.drain();
    expect(r.received).toHaveLength(1);
    // Meanwhile a changes three times, and b is created.
    const reviewed = await transitionRequest(admin, a.number, { to: "IN_REVIEW", note: null, version: a.version }, null);
    await addComment(admin, a.number, { body: "Looking at the regions" });
    await transitionRequest(admin, a.number, { to: "NEEDS_INFO", note: "Which region first?", version: reviewed.version }, null);
    const b = await newRequest();
    await deliverUntil(() => deduplicated(r.received).length >= 5);
    await worker.drain();
    const ofA = r.received.filter((x) => bodyOf(x).request.number === a.number).map((x) => bodyOf(x).type);
    // a: the created event three times (two failures), then the rest in order, each once.
    expect(ofA).toEqual(["request.created", "request.created", "request.created", "request.status_changed", "request.commented", "request.status_changed"]);
    // b was not held up by a's failing event: it arrived before a's created event got through.
    const numbers = r.received.map((x) => bodyOf(x).request.number);
    const aThroughAt = numbers.map((n, i) => (n === a.number ? i : -1)).filter((i) => i >= 0)[2]!;
    expect(numbers.indexOf(b.number)).toBeLessThan(aThroughAt);
    expect(r.received).toHaveLength(7);
  });

  it("redelivers one delivery on request, with the same id and body and a fresh signature", async () => {
    const r = await receiver();
    const hook = await register(r.url, ["request.created"]);
    await newRequest();
    await deliverUntil(() => r.received.length >= 1);
    const deliveryId = String(r.received[0]!.headers["kvstore-delivery"]);
    const redeliver = (cookie: string, id = deliveryId) =>
      call(redeliverRoute.POST, "POST", "/x", { cookie, params: { id: hook.id, deliveryId: encodeURIComponent(id) } });
    expect((await redeliver(aliceCookie)).status).toBe(403);
    expect((await redeliver(adminCookie, "evt_nope:webhook:x")).status).toBe(404);
    const res = await redeliver(adminCookie);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ id: deliveryId, state: "pending", attempts: 0 });
    await deliverUntil(() => r.received.length >= 2);
    expect(r.received[1]!.headers["kvstore-delivery"]).toBe(deliveryId);
    expect(r.received[1]!.body).toBe(r.received[0]!.body);
    expect(verifySignature(hook.secret, r.received[1]!.body, String(r.received[1]!.headers["kvstore-signature"]))).toBe(true);
    expect(deduplicated(r.received)).toHaveLength(1);
    const [item] = (await call(deliveriesRoute.GET, "GET", "/x", { cookie: adminCookie, params: { id: hook.id } })).json.items;
    expect(item).toMatchObject({ id: deliveryId, state: "delivered", attempts: 1, statusCode: 204 });
  });

  it("stops delivering to a deleted endpoint: what was pending is given up", async () => {
    const r = await receiver();
    r.fallback = 500;
    const hook = await register(r.url, ["request.created"]);
    const request = await newRequest();
    await deliverUntil(() => r.received.length >= 1);
    const del = (cookie: string) => call(webhookRoute.DELETE, "DELETE", "/x", { cookie, params: { id: hook.id } });
    expect((await del(aliceCookie)).status).toBe(403);
    expect((await del(adminCookie)).status).toBe(204);
    expect((await del(adminCookie)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await worker.drain();
    expect(r.received).toHaveLength(1);
    const item = await db.outboxItem.findFirstOrThrow({ where: { channel: "webhook", requestNumber: Number(request.number.slice(3)) } });
    expect(item).toMatchObject({ deliveredAt: null, lastError: "The webhook was deleted" });
    expect(item.failedAt).not.toBeNull();
  });
});

it("the OpenAPI document describes what a receiver gets (an OpenAPI 3.1 webhook), its body being the named payload with the RequestDetail", () => {
  const doc = openApiDocument() as unknown as {
    webhooks: Record<string, { post: { parameters: { name: string; in: string }[]; requestBody: { content: Record<string, { schema: { $ref: string } }> } } }>;
    components: { schemas: Record<string, { properties: Record<string, { $ref?: string }>; required: string[] }> };
  };
  const post = doc.webhooks.requestEvent!.post;
  expect(post.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["header:KVStore-Event", "header:KVStore-Delivery", "header:KVStore-Signature"]);
  const ref = post.requestBody.content["application/json"]!.schema.$ref;
  expect(ref).toBe("#/components/schemas/WebhookPayload");
  const payload = doc.components.schemas.WebhookPayload!;
  expect(Object.keys(payload.properties)).toEqual(["id", "type", "createdAt", "request"]);
  expect(payload.properties.request!.$ref).toBe("#/components/schemas/RequestDetail");
  expect(doc.components.schemas.RequestDetail).toBeDefined();
});
