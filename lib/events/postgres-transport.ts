// The live bus's transport on PostgreSQL: LISTEN/NOTIFY, so every instance on the same
// database hears every event. One dedicated connection per process listens (it is held
// for good, so it cannot come from a pool); it reconnects with a growing, jittered delay
// after a drop, and reports a gap each time it (re)starts listening, since whatever was
// published meanwhile never reached it.
// A write's events are NOTIFYed by the write's own transaction (inTransaction: one
// `SELECT pg_notify` each, run just before its COMMIT): PostgreSQL delivers them when,
// and only if, that transaction commits, so a process killed between its commit and
// anything after it loses no announcement, and a rolled-back write announces nothing.
// Triggers would do the same without the app's help, but then the ids, the `KV-<n>`
// numbers and the payloads would have to be made again in SQL, per table, and bulk
// writes (import, seed) would announce row by row; one helper on the app's two write
// paths (lib/events/request-events.ts) is less.
// publish (outside any write) goes through a pool of its own of ONE connection (one
// autocommit query each, queued), and works while the listener is reconnecting.
// PostgreSQL delivers notifications in commit order, the same order to every listener.
import pg from "pg";
import { z } from "zod";
import type { EventTransport, SqlStatement } from "@/lib/events/event-bus";
import type { BusMessage } from "@/lib/events/event-ring";
import { requestChangedEventSchema } from "@/lib/schemas/request";

export const EVENT_CHANNEL_NAME = "kvstore_events";

/** NOTIFY refuses payloads of 8000 bytes or more; ours are ~100. */
const MAX_PAYLOAD_BYTES = 7_900;

const busMessageSchema = z.object({
  id: z.string().min(1).max(100),
  event: z.discriminatedUnion("type", [requestChangedEventSchema, z.object({ type: z.literal("inbox.changed"), userId: z.string() })]),
});

type Log = (message: string, error?: unknown) => void;

export type PostgresTransportOptions = {
  /** Shown in pg_stat_activity (tests find a listener by it). */
  applicationName?: string;
  minDelayMs?: number;
  maxDelayMs?: number;
  log?: Log;
};

export function postgresTransport(url: string, options: PostgresTransportOptions = {}): EventTransport {
  const { applicationName = "kvstore-events", minDelayMs = 250, maxDelayMs = 10_000, log = () => {} } = options;
  let listener: pg.Client | null = null;
  let isListening = false;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  let pool: pg.Pool | null = null;

  const notifier = () => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 30_000, application_name: `${applicationName}-notify` });
      pool.on("error", (error) => log("event bus: an idle NOTIFY connection failed", error)); // the pool replaces it
    }
    return pool;
  };

  function listen(handlers: Parameters<EventTransport["start"]>[0]) {
    const client = new pg.Client({ connectionString: url, keepAlive: true, application_name: applicationName });
    listener = client;
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      isListening = false;
      if (listener === client) listener = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (closed) return;
      const delay = Math.round(Math.min(maxDelayMs, minDelayMs * 2 ** failures++) * (0.8 + Math.random() * 0.4));
      log(`event bus: the LISTEN connection dropped; reconnecting in ${delay} ms`, error);
      retry = setTimeout(() => listen(handlers), delay);
    };
    client.on("error", drop);
    client.on("end", () => drop());
    client.on("notification", (notification) => {
      if (notification.channel !== EVENT_CHANNEL_NAME || !notification.payload) return;
      let parsed: ReturnType<typeof busMessageSchema.safeParse>;
      try {
        parsed = busMessageSchema.safeParse(JSON.parse(notification.payload));
      } catch {
        return log("event bus: a notification that is not JSON was ignored");
      }
      if (parsed.success) handlers.onMessage(parsed.data);
      else log("event bus: a notification of an unknown shape was ignored");
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${EVENT_CHANNEL_NAME}`))
      .then(() => {
        if (dropped) return;
        isListening = true;
        failures = 0;
        handlers.onGap();
      })
      .catch(drop);
  }

  /** The NOTIFY of one message; null (logged) when PostgreSQL would refuse it. */
  function notifyStatement(message: BusMessage): SqlStatement | null {
    const payload = JSON.stringify(message);
    if (Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return { sql: "SELECT pg_notify($1, $2)", params: [EVENT_CHANNEL_NAME, payload] };
    log(`event bus: an event of ${payload.length} bytes is too large for NOTIFY`);
    return null;
  }

  return {
    start(handlers) {
      listen(handlers);
    },
    inTransaction: notifyStatement,
    publish(message: BusMessage) {
      const statement = notifyStatement(message);
      if (!statement) return;
      notifier()
        .query(statement.sql, statement.params)
        .catch((error: unknown) => log("event bus: NOTIFY failed; open pages will catch up at their next poll", error));
    },
    listening: () => isListening,
    async close() {
      closed = true;
      clearTimeout(retry);
      const client = listener;
      listener = null;
      isListening = false;
      await Promise.all([client?.end().catch(() => {}), pool?.end().catch(() => {})]);
      pool = null;
    },
  };
}
