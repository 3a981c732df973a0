// A test file that touched the live bus on PostgreSQL holds a LISTEN connection whose
// reconnect timer would outlive the file (its database is dropped at the end of the
// run): close the file's bus when it ends (lib/events/request-events.ts keeps it on
// globalThis, which is per test file).
import type { EventBus } from "@/lib/events/event-bus";

afterAll(async () => {
  const g = globalThis as unknown as { kvstoreEventBus?: EventBus };
  const bus = g.kvstoreEventBus;
  g.kvstoreEventBus = undefined;
  await bus?.close();
});
