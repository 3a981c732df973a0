// GET /api/events resumes: real route handler, real database (SQLite: the in-process bus;
// TEST_DATABASE=postgres: LISTEN/NOTIFY, the writes' own transactions announcing).
import { db } from "@/lib/db";
import * as eventsRoute from "@/app/api/events/route";
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD, validRequestBody } from "@/tests/helpers/fixtures";
import { createRequest } from "@/lib/data/requests/create-request";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { toSessionUser, type SessionUser } from "@/lib/auth/roles";
import { currentEventId } from "@/lib/events/request-events";
import { markRead } from "@/lib/data/notifications/inbox";
import { SseParser, type SseMessage } from "@/cli/sse";

let alice: SessionUser;
let bob: SessionUser;
let cookie: string;
let made = 0;

beforeAll(async () => {
  alice = toSessionUser(await createUser("alice", "REQUESTER"));
  bob = toSessionUser(await createUser("bob", "REQUESTER"));
  cookie = await signIn("alice@example.com", TEST_PASSWORD);
});
afterAll(() => db.$disconnect());

const submit = () => createRequest(alice, createRequestBodySchema.parse(validRequestBody({ datasetName: `events_test_${++made}` })));

type Stream = { messages: SseMessage[]; parser: SseParser; next: (n: number) => Promise<SseMessage[]>; close: () => Promise<void> };

/** Opens the stream and reads messages as they come. */
async function open(query = "", headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const res = await eventsRoute.GET(new Request(`http://localhost:3000/api/events${query}`, { headers: { cookie, ...headers }, signal: abort.signal }), {
    params: Promise.resolve({}),
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const parser = new SseParser();
  const messages: SseMessage[] = [];
  const decoder = new TextDecoder();
  return {
    messages,
    parser,
    async next(n) {
      while (messages.length < n) {
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        messages.push(...parser.push(decoder.decode(value, { stream: true })));
      }
      return messages.slice(0, n);
    },
    async close() {
      abort.abort();
      await reader.cancel().catch(() => {});
    },
  };
}

const numberOf = (m: SseMessage) => (JSON.parse(m.data) as { number: string }).number;

it("replays what was published after Last-Event-ID, with ids, then streams live ones", async () => {
  await submit();
  const since = await currentEventId();
  const missed = [await submit(), await submit()];
  const stream = await open("", { "Last-Event-ID": since });
  const replayed = await stream.next(2);
  expect(replayed.map((m) => [m.event, numberOf(m)])).toEqual(missed.map((r) => ["request.changed", r.number]));
  expect(replayed.every((m) => m.id && m.id !== since)).toBe(true);
  const live = await submit();
  const [, , third] = await stream.next(3);
  expect(numberOf(third!)).toBe(live.number);
  expect(stream.parser.lastEventId).toBe(await currentEventId());
  await stream.close();
});

it("takes the position as ?lastEventId= on a first connection (a page's render), the header winning on reconnects", async () => {
  const rendered = await currentEventId();
  const missed = await submit();
  const first = await open(`?lastEventId=${encodeURIComponent(rendered)}`);
  expect((await first.next(1)).map(numberOf)).toEqual([missed.number]);
  await first.close();

  const again = await submit();
  // EventSource reconnecting: the same URL, and the newest id in the header.
  const reconnect = await open(`?lastEventId=${encodeURIComponent(rendered)}`, { "Last-Event-ID": first.parser.lastEventId! });
  expect((await reconnect.next(1)).map(numberOf)).toEqual([again.number]);
  await reconnect.close();
});

it("answers an id it does not know with one resync that carries the current position", async () => {
  await submit();
  const stream = await open("?lastEventId=long-gone");
  const [resync] = await stream.next(1);
  expect(resync).toEqual({ event: "resync", data: "{}", id: await currentEventId() });
  const live = await submit();
  expect(numberOf((await stream.next(2))[1]!)).toBe(live.number);
  await stream.close();
});

it("without an id, gives the position first (no event) and then live events", async () => {
  const stream = await open();
  const live = await submit();
  const [message] = await stream.next(1);
  expect(numberOf(message!)).toBe(live.number);
  expect(stream.messages).toHaveLength(1); // the position is an id alone, not an event
  await stream.close();
});

it("replays only the caller's own inbox changes", async () => {
  const since = await currentEventId();
  await markRead(bob, { all: true });
  await markRead(alice, { all: true });
  const stream = await open("", { "Last-Event-ID": since });
  const [mine] = await stream.next(1);
  expect(mine).toMatchObject({ event: "inbox.changed", data: "{}" });
  expect(mine!.id).toBe(await currentEventId());
  await stream.close();
});

it("refuses a malformed lastEventId or an unknown parameter (400)", async () => {
  for (const query of ["?lastEventId=" + "x".repeat(101), "?lastEventId=", "?since=1"]) {
    const res = await call(eventsRoute.GET as never, "GET", `/api/events${query}`, { cookie, streaming: true });
    expect({ query, status: res.status, code: res.json?.error?.code }).toEqual({ query, status: 400, code: "VALIDATION_FAILED" });
  }
});
