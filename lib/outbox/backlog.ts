// The outbox's backlog for GET /api/metrics: what waits to be delivered, per channel, and
// how long the oldest has waited. A worker that stopped, or a receiver that keeps failing,
// shows here as a growing age long before anyone misses a mail.
import "server-only";
import { db } from "@/lib/db";

export type OutboxBacklog = { channel: string; pending: number; oldestCreatedAt: Date }[];

/** Items neither delivered nor given up on, by channel (the claim query's index serves it). */
export async function outboxBacklog(): Promise<OutboxBacklog> {
  const groups = await db.outboxItem.groupBy({
    by: ["channel"],
    where: { deliveredAt: null, failedAt: null },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return groups.map((g) => ({ channel: g.channel, pending: g._count._all, oldestCreatedAt: g._min.createdAt! }));
}
