// Runs once when the server starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // A bad environment (a half-configured OIDC, a short secret, …) stops the server at
    // start with one line naming the problem, not at the first request that needs it.
    const { env } = await import("@/lib/env");
    try {
      env();
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
    const { stampRawRequests } = await import("@/lib/security/stamp-raw-request");
    stampRawRequests();
    // The live bus listens from the start (on PostgreSQL its LISTEN takes a round trip or
    // two), so the first page's stream resumes instead of resyncing. Not while building.
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startEventBus } = await import("@/lib/events/request-events");
      startEventBus();
    }
    // The outbox worker delivers notifications beside the app's requests (lib/outbox/worker.ts).
    if (env().OUTBOX_WORKER === "on") {
      const { startOutboxWorker } = await import("@/lib/outbox/start");
      startOutboxWorker();
    }
  }
}
