// What a test file opened that outlives it otherwise, closed when the file ends (both
// live on globalThis, which is per test file): the live bus (on PostgreSQL a LISTEN
// connection whose reconnect timer fires after the file's database is dropped) and the
// rate limits' store (its sweeper timer). Jest keeps a worker for many files, so a timer
// left behind fires into a torn-down environment. Nothing is imported here: component
// tests run in jsdom, where the server modules (pg, better-sqlite3) cannot load.
type Closable = { close(): unknown };
type LimitsStore = { sweeper?: NodeJS.Timeout; pool?: { end(): Promise<void> }; db?: Closable };

afterAll(async () => {
  const g = globalThis as unknown as { kvstoreEventBus?: { close(): Promise<void> }; kvstoreRateLimits?: { store: LimitsStore } };
  const bus = g.kvstoreEventBus;
  const store = g.kvstoreRateLimits?.store;
  g.kvstoreEventBus = undefined;
  g.kvstoreRateLimits = undefined;
  if (store) clearInterval(store.sweeper);
  store?.db?.close();
  await Promise.all([bus?.close(), store?.pool?.end().catch(() => {})]);
});
