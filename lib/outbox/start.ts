// The process's one outbox worker: the app starts it from instrumentation.ts (unless
// OUTBOX_WORKER=off), `npm run worker` (scripts/outbox-worker.ts) on its own.
import "server-only";
import { inWriteTransaction } from "@/lib/db/sqlite-connections";
import { subscribeToRequestChanges } from "@/lib/events/request-events";
import { logger } from "@/lib/observability/state";
import { registerChannels } from "@/lib/outbox/channels";
import { OutboxWorker } from "@/lib/outbox/worker";

const globalForWorker = globalThis as unknown as { kvstoreOutboxWorker?: OutboxWorker };

export function startOutboxWorker(options: { concurrency?: number; pollMs?: number } = {}): OutboxWorker {
  if (globalForWorker.kvstoreOutboxWorker) return globalForWorker.kvstoreOutboxWorker;
  registerChannels();
  const worker = new OutboxWorker({
    transaction: inWriteTransaction,
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
  return worker;
}
