// kvctl watch: follows GET /api/events (server-sent events) and prints each change to a
// request, with its dataset name and status read from the API. Reconnects after a drop
// with a growing, jittered delay (1 s doubling to 30 s), sends Last-Event-ID when the
// server gave ids, and stops cleanly when the signal aborts (Ctrl-C). When the server
// cannot replay what it missed (a `resync`), it says so and lists the requests changed
// since its mark, read from GET /api/requests, before carrying on live.
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestDetail, RequestListResponse } from "@/lib/schemas/request";
import { CliError, EXIT, toCliError, type ApiClient } from "@/cli/client";
import { SseParser, type SseMessage } from "@/cli/sse";

type Io = { out: (text: string) => void; err: (text: string) => void };

type WatchOptions = {
  json?: boolean;
  /** Stop after this many changes (scripts waiting for the next change). */
  count?: number;
  signal: AbortSignal;
  /** No bytes (not even the server's 25 s heartbeat) for this long: the connection is dead. */
  idleMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
};

export type Change = {
  at: string;
  number: string;
  version: number;
  datasetName: string | null;
  status: string | null;
  priority: string | null;
  assignee: string | null;
  /** Why the request could not be read (deleted, no access), if it could not. */
  error?: string;
};

const requestPathOf = (number: string) => `/api/requests/${encodeURIComponent(number)}`;

/** What a live line shows, read from the API; `version` is the event's when it came with one. */
async function describe(api: ApiClient, number: string, version?: number): Promise<{ change: Change; updatedAt?: string }> {
  const change: Change = { at: new Date().toISOString(), number, version: version ?? 0, datasetName: null, status: null, priority: null, assignee: null };
  try {
    const r = await api.json<RequestDetail>("GET", requestPathOf(number));
    Object.assign(change, { datasetName: r.datasetName, status: r.status, priority: r.priority, assignee: r.assignee?.name ?? null });
    if (version === undefined) change.version = r.version;
    return { change, updatedAt: r.updatedAt };
  } catch (error) {
    change.error = error instanceof Error ? error.message : String(error);
    return { change };
  }
}

function eventOf(message: SseMessage): { number: string; version: number } | null {
  let event: { number?: unknown; version?: unknown };
  try {
    event = JSON.parse(message.data) as typeof event;
  } catch {
    return null;
  }
  if (typeof event.number !== "string") return null;
  return { number: event.number, version: typeof event.version === "number" ? event.version : 0 };
}

const PAGE_SIZE = 100;

/**
 * Requests updated at or after `mark` (server time), oldest first. The list has no
 * "updated since" filter, so it pages by updatedAt, newest first, until older than the mark.
 */
async function changedSince(api: ApiClient, mark: string): Promise<string[]> {
  const numbers: string[] = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ sort: "updatedAt", order: "desc", page: String(page), pageSize: String(PAGE_SIZE) });
    const list = await api.json<RequestListResponse>("GET", `/api/requests?${query}`);
    const newer = list.items.filter((r) => r.updatedAt >= mark);
    numbers.push(...newer.map((r) => r.number));
    if (newer.length < list.items.length || list.items.length < PAGE_SIZE || page * PAGE_SIZE >= list.total) break;
  }
  return numbers.reverse();
}

function changeLine(c: Change): string {
  const what = c.error ? `(could not read it: ${c.error})` : `${c.datasetName}  ${c.status}  ${c.priority}  ${c.assignee ?? "unassigned"}`;
  return `${c.at.slice(0, 19).replace("T", " ")}  ${c.number}  v${c.version}  ${what}`;
}

/** Resolves to the exit code: 0 when stopped (signal or --count); throws CliError when the server refuses. */
export async function watch(api: ApiClient, io: Io, opts: WatchOptions): Promise<number> {
  const { signal, idleMs = 60_000, minDelayMs = 1_000, maxDelayMs = 30_000 } = opts;
  let lastEventId: string | undefined;
  let failures = 0;
  let connectedBefore = false;
  let seen = 0;
  // Server time (updatedAt, or the Date of the first answer) of the newest change printed:
  // after a resync, everything updated since then may have been missed.
  let mark: string | undefined;
  // The version last printed of each request updated at or after the mark: a catch-up
  // does not print one again with nothing new.
  const printed = new Map<string, { version: number; updatedAt: string }>();

  // A resync's catch-up still to print (it failed half-way: the next connection retries it).
  let owed = false;

  /** Prints one change and moves the mark; true when --count is reached. */
  const show = ({ change, updatedAt }: { change: Change; updatedAt?: string }): boolean => {
    io.out(opts.json ? JSON.stringify(change) : changeLine(change));
    if (updatedAt) {
      if (!mark || updatedAt > mark) mark = updatedAt;
      printed.set(change.number, { version: change.version, updatedAt });
      for (const [number, last] of printed) if (last.updatedAt < mark) printed.delete(number);
    }
    return Boolean(opts.count && ++seen >= opts.count);
  };

  /** After a resync: says so, then prints every request changed since the mark. True when --count is reached. */
  const catchUp = async (): Promise<boolean> => {
    const since = mark ?? new Date(0).toISOString();
    io.err(`kvctl: the server could not replay the changes missed while disconnected; listing requests changed since ${since}.`);
    let numbers: string[];
    try {
      numbers = await changedSince(api, since);
    } catch (error) {
      // A server error or a busy server: reconnect and try again, as with the stream itself.
      if (error instanceof CliError && error.status !== undefined && (error.status >= 500 || error.status === 429)) {
        throw new CliError(error.message, EXIT.UNREACHABLE);
      }
      throw error;
    }
    for (const number of numbers) {
      const described = await describe(api, number);
      if (!described.change.error && printed.get(number)?.version === described.change.version) continue;
      if (show(described)) return true;
    }
    owed = false;
    return false;
  };

  while (!signal.aborted) {
    const connection = new AbortController();
    const stop = () => connection.abort();
    signal.addEventListener("abort", stop, { once: true });
    let idle: NodeJS.Timeout | undefined;
    let idleFired = false;
    const resetIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        idleFired = true;
        connection.abort();
      }, idleMs);
    };
    let reason: string;
    try {
      resetIdle();
      const res = await api.request("GET", "/api/events", {
        headers: { Accept: "text/event-stream", ...(lastEventId !== undefined ? { "Last-Event-ID": lastEventId } : {}) },
        signal: connection.signal,
        allowErrors: true,
      });
      if (!res.ok) {
        const error = await toCliError(res);
        // Signed out, forbidden, no such endpoint: retrying cannot help.
        if (res.status < 500 && res.status !== 429) throw error;
        reason = `${error.message} (HTTP ${res.status})`;
      } else {
        io.err(connectedBefore ? `Reconnected to ${api.url}.` : `Watching ${api.url} for changes to requests (Ctrl-C to stop).`);
        connectedBefore = true;
        failures = 0;
        // The server's clock (HTTP dates are whole seconds, rounded down): a safe first mark.
        const date = res.headers.get("date");
        if (!mark && date && !Number.isNaN(Date.parse(date))) mark = new Date(Date.parse(date)).toISOString();
        if (owed && (await catchUp())) return 0;
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          resetIdle();
          for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
            lastEventId = parser.lastEventId ?? lastEventId;
            if (message.event === "resync") {
              owed = true;
              if (await catchUp()) return 0;
              continue;
            }
            if (message.event !== "request.changed") continue;
            const event = eventOf(message);
            if (event && show(await describe(api, event.number, event.version))) return 0;
          }
          lastEventId = parser.lastEventId ?? lastEventId;
        }
        reason = "the server closed the stream";
      }
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof CliError && error.exitCode !== EXIT.UNREACHABLE) throw error;
      reason = idleFired ? `nothing heard for ${Math.round(idleMs / 1000)} s` : error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(idle);
      signal.removeEventListener("abort", stop);
    }
    if (signal.aborted) break;
    const base = Math.min(maxDelayMs, minDelayMs * 2 ** failures);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    failures++;
    io.err(`kvctl: lost the event stream (${reason}); reconnecting in ${(delay / 1000).toFixed(1)} s.`);
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      break;
    }
  }
  return 0;
}
