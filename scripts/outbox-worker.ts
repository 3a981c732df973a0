// `npm run worker`: the outbox worker on its own, for deployments that run it apart from
// the app (set OUTBOX_WORKER=off on the app then, or leave both on: leases keep them
// from delivering an item twice). Reads .env like the app; stops cleanly on SIGTERM/SIGINT.
import path from "node:path";
import { loadEnvConfig } from "@next/env";

loadEnvConfig(path.join(__dirname, ".."), false, { info: () => {}, error: console.error });

async function main() {
  const { env } = await import("@/lib/env");
  env(); // a bad environment stops here with one line naming it
  const { startOutboxWorker } = await import("@/lib/outbox/start");
  const worker = startOutboxWorker();
  console.log(`outbox worker ${worker.owner} running`);
  const stop = () => void worker.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // The worker's own timers are unref'd: this one keeps the process alive.
  setInterval(() => {}, 1 << 30);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
