#!/usr/bin/env node
// kvctl's entry point: runs cli/kvctl.ts through tsx with this project's tsconfig, so
// the CLI validates with the same zod schemas as the app (lib/schemas) from any folder.
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const tsconfig = fileURLToPath(new URL("tsconfig.json", root));
// tsx's require hook reads this (not tsImport's option) to resolve the "@/..." paths.
process.env.TSX_TSCONFIG_PATH = tsconfig;
let tsImport;
try {
  ({ tsImport } = await import("tsx/esm/api"));
} catch {
  console.error("kvctl: tsx is not installed; run `npm ci` in the KVStore App repository first.");
  process.exit(2);
}
const { main } = await tsImport("./cli/kvctl.ts", {
  parentURL: root.href,
  tsconfig,
});
process.exitCode = await main(process.argv);
