// Creates .env on first run with a fresh random session secret, so a new clone can
// serve the app without anyone inventing (or committing) a secret. Never overwrites.
import { existsSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

const file = new URL("../.env", import.meta.url);
if (existsSync(file)) {
  console.log(".env exists: keeping it");
} else {
  writeFileSync(
    file,
    [
      "# Written by scripts/init-env.mjs for local use; not committed.",
      'DATABASE_URL="file:./prisma/dev.db"',
      `BETTER_AUTH_SECRET="${randomBytes(32).toString("base64url")}"`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  console.log("wrote .env with a new random BETTER_AUTH_SECRET");
}
