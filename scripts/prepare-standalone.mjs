// Completes `next build`'s standalone output (.next/standalone) into what the image ships
// and `npm run start:prod` serves:
// - .next/static and public/ (if any), which Next leaves out on purpose (a CDN may serve
//   them; here the server does), as Next's docs for `output: "standalone"` require;
// - no .env: `next build` copies the project's .env (with BETTER_AUTH_SECRET) into the
//   folder; it is removed, so the folder (and an image made of it) holds no secret. The
//   secret comes from the environment (the start script loads the project's .env);
// - with --migrator: what `prisma migrate deploy` needs, so the same folder (the image)
//   migrates its database: scripts/migrate.mjs (the runner), prisma/schema.prisma,
//   prisma/migrations, prisma/postgres/migrations, prisma.config.ts, the Prisma CLI with
//   its dependencies and pg (copied from node_modules; about 100 MB).
//
//   node scripts/prepare-standalone.mjs [--migrator]
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const STANDALONE = path.join(ROOT, ".next", "standalone");

/** Packages the migrator needs (and everything they depend on). */
const MIGRATOR_PACKAGES = ["prisma", "@prisma/adapter-better-sqlite3", "pg"];
/** An optional peer of prisma that its CLI does not need here (jiti loads prisma.config.ts). */
const NOT_NEEDED = new Set(["typescript"]);

export function prepareStandalone({ migrator = false } = {}) {
  if (!existsSync(path.join(STANDALONE, "server.js"))) {
    throw new Error(`${path.relative(ROOT, STANDALONE)}/server.js is missing: run \`npm run build\` first (next.config.js has output: "standalone")`);
  }
  // Copied once per build: a server started beside another (the SSO spec's second server,
  // two test runs) would otherwise delete the files the first one is serving.
  const buildId = readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8");
  const copiedFrom = path.join(STANDALONE, ".next", "static-copied-from-build");
  if (!existsSync(copiedFrom) || readFileSync(copiedFrom, "utf8") !== buildId) {
    const staticDir = path.join(STANDALONE, ".next", "static");
    rmSync(staticDir, { recursive: true, force: true });
    cpSync(path.join(ROOT, ".next", "static"), staticDir, { recursive: true });
    if (existsSync(path.join(ROOT, "public"))) cpSync(path.join(ROOT, "public"), path.join(STANDALONE, "public"), { recursive: true });
    writeFileSync(copiedFrom, buildId);
  }
  for (const file of [".env", ".env.production"]) rmSync(path.join(STANDALONE, file), { force: true });
  if (migrator) copyMigrator();
}

function copyMigrator() {
  for (const file of ["scripts/migrate.mjs", "prisma/schema.prisma", "prisma/migrations", "prisma/postgres/migrations", "prisma.config.ts"]) {
    cpSync(path.join(ROOT, file), path.join(STANDALONE, file), { recursive: true });
  }
  for (const dir of dependencyClosure(MIGRATOR_PACKAGES)) {
    const target = path.join(STANDALONE, path.relative(ROOT, dir));
    // Packages the server already uses were traced by Next (better-sqlite3 with its
    // native .node file): keep those as traced.
    if (existsSync(path.join(target, "package.json"))) continue;
    cpSync(dir, target, { recursive: true, dereference: true });
  }
}

/** The folders under node_modules of `names` and their dependencies, resolved as Node would. */
function dependencyClosure(names) {
  const found = new Set();
  const visit = (name, fromDir) => {
    if (NOT_NEEDED.has(name)) return;
    const dir = resolvePackage(name, fromDir);
    if (dir === null) throw new Error(`${name} (needed from ${path.relative(ROOT, fromDir) || "."}) is not installed`);
    if (found.has(dir)) return;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) if (resolvePackage(dep, dir)) visit(dep, dir);
  };
  for (const name of names) visit(name, ROOT);
  return [...found];
}

function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === ROOT || dir === path.dirname(dir)) return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  prepareStandalone({ migrator: process.argv.includes("--migrator") });
  console.log(`prepared ${path.relative(ROOT, STANDALONE)}${process.argv.includes("--migrator") ? " (with the migrator)" : ""}`);
}
