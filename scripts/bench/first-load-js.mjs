// First-load JavaScript of a route, read from the production build: the root main
// files every page loads (.next/build-manifest.json) plus the entry chunks of the
// route's layouts and page (its client reference manifest), each gzipped (level 9, as
// Next's old build summary did). Polyfills are left out: modern browsers never load
// them (nomodule).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import vm from "node:vm";

export function measureFirstLoadJs(root, route = "/(app)/requests/page") {
  const next = path.join(root, ".next");
  const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  const manifestFile = path.join(next, "server", "app", `${route}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) throw new Error(`no client reference manifest for ${route}: build first`);
  const sandbox = { globalThis: {} };
  vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = sandbox.globalThis.__RSC_MANIFEST[route];
  const segments = Object.keys(manifest.entryJSFiles).filter((k) => k.endsWith(route.replace(/\/page$/, "/page")) || k.endsWith("/layout"));
  const files = new Set(build.rootMainFiles);
  for (const k of segments) for (const f of manifest.entryJSFiles[k]) files.add(f);
  const list = [...files].map((f) => {
    const raw = readFileSync(path.join(next, f));
    return { file: f, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  return {
    route,
    files: list.sort((a, b) => b.gzip - a.gzip),
    bytes: list.reduce((s, f) => s + f.bytes, 0),
    gzip: list.reduce((s, f) => s + f.gzip, 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = measureFirstLoadJs(process.cwd(), process.argv[2]);
  for (const f of result.files) console.log(`${(f.gzip / 1024).toFixed(1).padStart(7)} KB gz ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  ${f.file}`);
  console.log(`${(result.gzip / 1024).toFixed(1).padStart(7)} KB gz ${(result.bytes / 1024).toFixed(1).padStart(8)} KB  first-load JS of ${result.route}`);
}
