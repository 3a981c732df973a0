// What a test file opened that outlives it otherwise, closed when the file ends (both
// live on globalThis, which is per test file): the live bus (on PostgreSQL a LISTEN
// connection whose reconnect timer fires after the file's database is dropped) and the
// rate limits' store (its sweeper timer). Jest keeps a worker for many files, so a timer
// left behind fires into a torn-down environment.
import type { EventBus } from "@/lib/events/event-bus";
import { closeRateLimitStore, type RateLimitStore } from "@/lib/api/rate-limit";

afterAll(async () => {
  const g = globalThis as unknown as { kvstoreEventBus?: EventBus; kvstoreRateLimits?: { store: RateLimitStore } };
  const bus = g.kvstoreEventBus;
  const limits = g.kvstoreRateLimits;
  g.kvstoreEventBus = undefined;
  g.kvstoreRateLimits = undefined;
  await Promise.all([bus?.close(), limits && closeRateLimitStore(limits.store)]);
});
