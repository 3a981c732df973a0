// Runs once when the server starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampRawRequests } = await import("@/lib/security/stamp-raw-request");
    stampRawRequests();
  }
}
