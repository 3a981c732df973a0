// What a test file opened that outlives it otherwise, closed when the file ends (all
// live on globalThis, which is per test file): the live bus (on PostgreSQL a LISTEN
// connection whose reconnect timer fires after the file's database is dropped), the rate
// limits' store (its sweeper timer) and the PostgreSQL pools (lib/db/postgres.ts), whose
// idle connections would hold the worker open for 30 s. Jest keeps a worker for many
// files, so a timer left behind fires into a torn-down environment, and a socket left
// open keeps the worker from exiting at the end ("failed to exit gracefully"). Nothing is imported here: component
// tests run in jsdom, where the server modules (pg, better-sqlite3) cannot load.
type Closable = { close(): unknown };
type LimitsStore = { sweeper?: NodeJS.Timeout; pool?: { end(): Promise<void> }; db?: Closable };

afterAll(async () => {
  const g = globalThis as unknown as {
    kvstoreEventBus?: { close(): Promise<void> };
    kvstoreRateLimits?: { store: LimitsStore };
    kvstorePgPools?: Map<string, { end(): Promise<void> }>;
  };
  const bus = g.kvstoreEventBus;
  const store = g.kvstoreRateLimits?.store;
  const pools = [...(g.kvstorePgPools?.values() ?? [])];
  g.kvstoreEventBus = undefined;
  g.kvstoreRateLimits = undefined;
  g.kvstorePgPools?.clear();
  if (store) clearInterval(store.sweeper);
  store?.db?.close();
  // The bus first: its LISTEN connection may come from a pool.
  await bus?.close();
  await Promise.all([store?.pool?.end().catch(() => {}), ...pools.map((pool) => pool.end().catch(() => {}))]);
});
