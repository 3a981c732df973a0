// kvctl watch against the real route handlers over real HTTP (a node http.Server that
// streams their responses), a real SQLite file and the in-process event bus: live lines,
// and a reconnect that gets a resync because the ring forgot the client's last id. SQLite
// only: on PostgreSQL the filler events reach the ring through NOTIFY a moment later, so
// the reconnect may still be replayed rather than resynced.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import * as requestsRoute from "@/app/api/requests/route";
import * as requestRoute from "@/app/api/requests/[number]/route";
import * as eventsRoute from "@/app/api/events/route";
import { db } from "@/lib/db";
import { createToken } from "@/lib/data/tokens/api-tokens";
import { createRequest } from "@/lib/data/requests/create-request";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { announceAfterCommit, inboxChanged } from "@/lib/events/request-events";
import { RING_CAPACITY } from "@/lib/events/event-ring";
import { createClient } from "@/cli/client";
import { watch, type Change } from "@/cli/watch";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: { path: RegExp; param?: string; handlers: Record<string, unknown> }[] = [
  { path: /^\/api\/events$/, handlers: eventsRoute },
  { path: /^\/api\/requests$/, handlers: requestsRoute },
  { path: /^\/api\/requests\/([^/]+)$/, param: "number", handlers: requestRoute },
];

let server: http.Server;
let base: string;
let token: string;
let admin: SessionUser;
/** While true the event stream answers 503, as a server being restarted would. */
let streamDown = false;
const streams = new Set<Socket>();

async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost:3000");
  const route = ROUTES.find((r) => r.path.test(url.pathname));
  if (!route) return void res.writeHead(404).end();
  if (url.pathname === "/api/events") {
    if (streamDown) return void res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":"UNAVAILABLE","message":"restarting"}}');
    streams.add(req.socket);
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const request = new Request(url, { method: req.method, headers, signal: abort.signal });
  const params = route.param ? { [route.param]: decodeURIComponent(url.pathname.match(route.path)![1]!) } : {};
  const response = await (route.handlers[req.method ?? "GET"] as Handler)(request, { params: Promise.resolve(params) });
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.writeHead(response.status);
  // Streamed chunk by chunk: the event stream never ends on its own.
  if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

beforeAll(async () => {
  admin = toSessionUser(await createUser("wanda", "ADMIN"));
  token = (await createToken(admin, { name: "watch test" })).token;
  server = http.createServer((req, res) => void serve(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

let made = 0;
const submit = () => createRequest(admin, createRequestBodySchema.parse(validRequestBody({ datasetName: `watch_test_${++made}` })));

/** Runs watch in the background, collecting what it prints. */
function startWatch(opts: { json?: boolean; count?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  const done = watch(
    createClient(base, token, "test"),
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    {
      ...opts,
      signal: stop.signal,
      minDelayMs: 50,
      maxDelayMs: 200,
    },
  );
  return { out, err, stop, done };
}

async function until(what: () => boolean, ms = 10_000) {
  for (const end = Date.now() + ms; !what();) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Drops the open event streams and keeps them down while `during` runs; then a forgotten id. */
async function dropAndForget(during: () => Promise<void>) {
  streamDown = true;
  for (const socket of streams) socket.destroy();
  streams.clear();
  await during();
  // More events than the ring holds: the client's last id is forgotten, so it gets a resync.
  for (let i = 0; i <= RING_CAPACITY; i++) announceAfterCommit(inboxChanged("someone-else"));
  streamDown = false;
}

it("after a resync, says so on stderr and prints the requests changed while away, like live lines, then carries on live", async () => {
  const w = startWatch({ json: true });
  await until(() => w.err.some((l) => l.startsWith("Watching")));
  const seen = await submit();
  await until(() => w.out.length === 1);
  const live = JSON.parse(w.out[0]!) as Change;
  expect(live).toEqual({
    at: expect.any(String),
    number: seen.number,
    version: 1,
    datasetName: seen.datasetName,
    status: "SUBMITTED",
    priority: expect.any(String),
    assignee: null,
  });

  let missed: { number: string; datasetName: string }[] = [];
  await dropAndForget(async () => {
    missed = [await submit(), await submit()];
  });
  await until(() => w.out.length >= 3);
  expect(w.err.some((l) => l.startsWith("kvctl: lost the event stream"))).toBe(true);
  expect(w.err).toContainEqual(
    expect.stringMatching(/^kvctl: the server could not replay the changes missed while disconnected; listing requests changed since /),
  );
  const caughtUp = w.out.slice(1).map((l) => JSON.parse(l) as Change);
  // Oldest first, the one printed before the drop not again, each shaped like a live line.
  expect(caughtUp).toEqual(missed.map((r) => ({ ...live, at: expect.any(String), number: r.number, datasetName: r.datasetName })));

  const after = await submit();
  await until(() => w.out.length === 4);
  expect(JSON.parse(w.out[3]!)).toMatchObject({ number: after.number, version: 1 });
  w.stop.abort();
  expect(await w.done).toBe(0);
});

it("--count counts the caught-up lines, printed as text like live ones", async () => {
  const w = startWatch({ count: 2 });
  await until(() => w.err.some((l) => l.startsWith("Watching")));
  const first = await submit();
  await until(() => w.out.length === 1);
  let missed: { number: string; datasetName: string }[] = [];
  await dropAndForget(async () => {
    missed = [await submit(), await submit()];
  });
  expect(await w.done).toBe(0);
  const line = (r: { number: string; datasetName: string }) =>
    new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  ${r.number}  v1  ${r.datasetName}  SUBMITTED  [A-Z]+  unassigned$`);
  expect(w.out).toHaveLength(2);
  expect(w.out[0]).toMatch(line(first));
  expect(w.out[1]).toMatch(line(missed[0]!));
});
