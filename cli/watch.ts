// kvctl watch: follows GET /api/events (server-sent events) and prints each change to a
// request, with its dataset name and status read from the API. Reconnects after a drop
// with a growing, jittered delay (1 s doubling to 30 s), sends Last-Event-ID when the
// server gave ids, and stops cleanly when the signal aborts (Ctrl-C).
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestDetail } from "@/lib/schemas/request";
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

async function describe(api: ApiClient, message: SseMessage): Promise<Change | null> {
  let event: { number?: unknown; version?: unknown };
  try {
    event = JSON.parse(message.data) as typeof event;
  } catch {
    return null;
  }
  if (typeof event.number !== "string") return null;
  const change: Change = {
    at: new Date().toISOString(),
    number: event.number,
    version: typeof event.version === "number" ? event.version : 0,
    datasetName: null,
    status: null,
    priority: null,
    assignee: null,
  };
  try {
    const r = await api.json<RequestDetail>("GET", requestPathOf(event.number));
    Object.assign(change, { datasetName: r.datasetName, status: r.status, priority: r.priority, assignee: r.assignee?.name ?? null });
  } catch (error) {
    change.error = error instanceof Error ? error.message : String(error);
  }
  return change;
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
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          resetIdle();
          for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
            lastEventId = parser.lastEventId ?? lastEventId;
            if (message.event !== "request.changed") continue;
            const change = await describe(api, message);
            if (!change) continue;
            io.out(opts.json ? JSON.stringify(change) : changeLine(change));
            if (opts.count && ++seen >= opts.count) return 0;
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
