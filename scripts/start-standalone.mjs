// `npm run start:prod`: serves the standalone build (.next/standalone/server.js) as the
// image does, from this checkout. Honours PORT (3000) and HOSTNAME (0.0.0.0: every IPv4
// address; "::" for IPv6 too).
//
// - reads the project's .env as `next start` would (variables already set win), since
//   the standalone folder carries none (scripts/prepare-standalone.mjs);
// - a relative DATABASE_URL (file:./prisma/dev.db) means, as everywhere else, relative to
//   the project root: it is made absolute here, because server.js changes the working
//   directory to .next/standalone;
// - copies .next/static (and public/) into the standalone folder (once per build), then
//   runs server.js in this same process (exactly `node .next/standalone/server.js`): one
//   process, so signals and kill -9 reach the server itself.
import { createRequire } from "node:module";
import path from "node:path";
import { prepareStandalone, ROOT, STANDALONE } from "./prepare-standalone.mjs";

const require = createRequire(import.meta.url);
const { loadEnvConfig } = require("@next/env");

process.env.NODE_ENV = "production";
loadEnvConfig(ROOT, false, { info: () => {}, error: console.error });
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
if (url.startsWith("file:") && !path.isAbsolute(url.slice("file:".length)) && url !== "file::memory:") {
  process.env.DATABASE_URL = `file:${path.resolve(ROOT, url.slice("file:".length))}`;
}
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

prepareStandalone();
require(path.join(STANDALONE, "server.js"));
