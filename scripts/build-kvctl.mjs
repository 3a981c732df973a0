#!/usr/bin/env node
// Builds kvctl into one file of plain JavaScript (cli/dist/kvctl.mjs) that runs on Node 20
// without the repository: esbuild bundles commander, zod and the app's request schemas,
// and nothing else. The build fails when anything server-side (Prisma, better-sqlite3,
// "server-only", the database or data layers, Next) or any other package would come in.
//
//   node scripts/build-kvctl.mjs          → cli/dist/ (npm run kvctl:build)
//   node scripts/build-kvctl.mjs --pack   → also `npm pack` in cli/ into .tmp/ (npm run kvctl:pack)
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const cliDir = path.join(root, "cli");
const dist = path.join(cliDir, "dist");
const outfile = path.join(dist, "kvctl.mjs");

/** The only packages the bundle may hold. */
const ALLOWED_PACKAGES = new Set(["commander", "zod"]);
/** Imports that mean server code is being pulled in: refused at resolve time. */
const FORBIDDEN =
  /^(server-only|client-only|next(\/.*)?|react(-dom)?(\/.*)?|@prisma\/.*|prisma(\/.*)?|better-sqlite3|better-auth(\/.*)?|pino|prom-client|@\/lib\/(db|data|generated|auth|events)(\/.*|\.ts)?)$/;
/** Repository folders the bundle may read from. */
const ALLOWED_SOURCES =
  /^(cli\/|lib\/schemas\/|lib\/domain\/requests\/(options|field-labels|list-cursor)\.ts$|lib\/domain\/datasets\/(options|request-types)\.ts$|lib\/api\/errors\.ts$|package\.json$)/;

const guard = {
  name: "kvctl-client-only",
  setup(b) {
    b.onResolve({ filter: FORBIDDEN }, (args) => ({
      errors: [
        { text: `kvctl must not bundle "${args.path}" (imported by ${path.relative(root, args.importer)}): it is server-side or not a CLI dependency.` },
      ],
    }));
  },
};

/**
 * zod's namespace re-exports every locale (about 260 KB of the bundle's 520); kvctl's
 * messages are the schemas' own English ones, so `z.locales` keeps only `en`.
 */
const englishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), args.path), namespace: "zod-locales" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), "en.js"))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const rootPackage = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const manifestFile = path.join(cliDir, "package.json");
const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
if (manifest.version !== rootPackage.version) {
  // kvctl's version is the app's: keep the manifest in step.
  manifest.version = rootPackage.version;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`cli/package.json: version set to ${rootPackage.version} (the app's).`);
}
if (manifest.dependencies && Object.keys(manifest.dependencies).length) {
  throw new Error("cli/package.json must have no dependencies: everything kvctl needs is bundled.");
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await build({
  entryPoints: [path.join(cliDir, "bin.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "none",
  tsconfig: path.join(root, "tsconfig.json"),
  metafile: true,
  logLevel: "warning",
  plugins: [guard, englishOnly],
  banner: {
    // commander is CommonJS: its require() calls of node: modules need a require in ESM.
    js: [
      "#!/usr/bin/env node",
      `// kvctl ${rootPackage.version}, built from the KVStore App repository. Bundles commander and zod (MIT, see LICENSES.txt).`,
      'import { createRequire as __kvctlCreateRequire } from "node:module"; const require = __kvctlCreateRequire(import.meta.url);',
    ].join("\n"),
  },
}).catch(() => {
  // esbuild has printed the errors (a forbidden import names its importer).
  console.error("kvctl build failed.");
  process.exit(1);
});

// The metafile lists every input that went in: check the whole list, not only the imports
// the plugin saw by name (a relative import of lib/db would not match a package name).
const problems = [];
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const rel = input.replace(/\\/g, "/");
  const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)?.[1];
  if (pkg) {
    packages.add(pkg);
    if (!ALLOWED_PACKAGES.has(pkg)) problems.push(`the package ${pkg} (${rel})`);
  } else if (!ALLOWED_SOURCES.test(rel)) {
    problems.push(`the file ${rel}`);
  } else if (/^import\s+["']server-only["']/m.test(readFileSync(path.join(root, rel), "utf8"))) {
    problems.push(`${rel}, which imports "server-only"`);
  }
}
if (problems.length) {
  rmSync(dist, { recursive: true, force: true });
  console.error(`kvctl build: the bundle would contain what a CLI must not ship:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}

// Licences of what the bundle carries.
const licences = [...packages].sort().map((pkg) => {
  const dir = path.join(root, "node_modules", pkg);
  const { version, license } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  return `${pkg} ${version} (${license})\n\n${readFileSync(path.join(dir, "LICENSE"), "utf8").trim()}\n`;
});
writeFileSync(path.join(dist, "LICENSES.txt"), `kvctl bundles these packages:\n\n${licences.join("\n---\n\n")}`);
chmodSync(outfile, 0o755);

const size = result.metafile.outputs[path.relative(process.cwd(), outfile).replace(/\\/g, "/")]?.bytes;
console.log(`kvctl build: ${path.relative(root, outfile)} (${size ? `${Math.round(size / 1024)} KB, ` : ""}bundles ${[...packages].sort().join(", ")})`);

if (process.argv.includes("--pack")) {
  const dest = path.join(root, ".tmp");
  mkdirSync(dest, { recursive: true });
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dest], { cwd: cliDir, encoding: "utf8" }));
  console.log(`kvctl pack: ${path.join(dest, packed.filename)} (${packed.size} bytes; ${packed.files.map((f) => f.path).join(", ")})`);
}
