// The process's one outbox worker: the app starts it from instrumentation.ts (unless
// OUTBOX_WORKER=off), `npm run worker` (scripts/outbox-worker.ts) on its own.
import "server-only";
import { writeDatabase } from "@/lib/db/sql/database";
import { subscribeToRequestChanges } from "@/lib/events/request-events";
import { logger } from "@/lib/observability/state";
import { registerChannels } from "@/lib/outbox/channels";
import { OutboxWorker } from "@/lib/outbox/worker";
import { env, publicBaseUrl } from "@/lib/env";
import { enqueueDigestIfDue } from "@/lib/notifications/digest";

const DIGEST_CHECK_MS = 60_000;

/** Once a minute until today's digest is written (by this worker or another), then again tomorrow. */
function scheduleDigest(worker: OutboxWorker) {
  let doneFor = "";
  const check = async () => {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    if (doneFor === today || now.getUTCHours() < env().DIGEST_HOUR_UTC) return;
    await writeDatabase((d) => enqueueDigestIfDue(d, { now, hourUtc: env().DIGEST_HOUR_UTC, baseUrl: publicBaseUrl() }));
    doneFor = today;
    worker.nudge();
  };
  setInterval(() => void check().catch((error) => logger().warn({ err: String(error) }, "digest check failed")), DIGEST_CHECK_MS).unref();
  void check().catch(() => {});
}

const globalForWorker = globalThis as unknown as { kvstoreOutboxWorker?: OutboxWorker };

export function startOutboxWorker(options: { concurrency?: number; pollMs?: number } = {}): OutboxWorker {
  if (globalForWorker.kvstoreOutboxWorker) return globalForWorker.kvstoreOutboxWorker;
  registerChannels();
  const worker = new OutboxWorker({
    transaction: writeDatabase,
    ...options,
    onError: (error, item) =>
      logger().warn(
        { err: error instanceof Error ? error.message : String(error), outboxItem: item?.id, channel: item?.channel, attempt: item?.attempts },
        "outbox delivery failed",
      ),
  });
  globalForWorker.kvstoreOutboxWorker = worker;
  // A change committed in this process is fanned out at once instead of at the next poll.
  subscribeToRequestChanges(() => worker.nudge());
  worker.start();
  if (env().SMTP_URL) scheduleDigest(worker);
  return worker;
}
