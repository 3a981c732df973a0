// Lighthouse's performance score for a page of the running app, in Debian's Chromium,
// offline. Lighthouse is not a dependency of the project (13.5.0 declares Node ≥ 22;
// it runs on this machine's Node 20): install it beside the project once with
//
//   npm install --prefix .tmp/tools lighthouse@13.5.0
//
// or point LIGHTHOUSE_BIN at a lighthouse CLI. Without it the benchmark says so.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.mjs";

const CHROME_FLAGS = CHROMIUM_ARGS.join(" ");

export function findLighthouse(root) {
  const candidates = [process.env.LIGHTHOUSE_BIN, path.join(root, ".tmp", "tools", "node_modules", "lighthouse", "cli", "index.js")];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

/** The middle of the finite values (the upper middle of an even count); NaN when none (a run that failed to report). */
export const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/**
 * One Lighthouse run (performance only) of `url` in `preset` ("mobile" or "desktop"),
 * its JSON report written to `file`; `headers` is a JSON file of extra request headers
 * (the session cookie), or null. Returns the score and the timings in ms.
 */
export async function lighthouseRun({ bin, url, headers, preset, file }) {
  const args = [
    bin,
    url,
    "--quiet",
    `--chrome-path=${CHROMIUM_PATH}`,
    `--chrome-flags=${CHROME_FLAGS}`,
    ...(headers ? [`--extra-headers=${headers}`] : []),
    "--only-categories=performance",
    "--output=json",
    `--output-path=${file}`,
    ...(preset === "desktop" ? ["--preset=desktop"] : []),
  ];
  // On a loaded machine Chromium sometimes loses the trace (NO_NAVSTART): one retry.
  let r;
  for (let attempt = 1; ; attempt++) {
    try {
      await new Promise((resolve, reject) =>
        execFile(process.execPath, args, { timeout: 180_000 }, (err, _stdout, stderr) =>
          err ? reject(new Error(`lighthouse: ${stderr || err.message}`)) : resolve(),
        ),
      );
      r = JSON.parse(readFileSync(file, "utf8"));
      if (r.runtimeError) throw new Error(`lighthouse: ${r.runtimeError.message}`);
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
  const ms = (id) => r.audits[id]?.numericValue;
  return {
    score: Math.round(r.categories.performance.score * 100),
    fcp: ms("first-contentful-paint"),
    lcp: ms("largest-contentful-paint"),
    tbt: ms("total-blocking-time"),
    cls: ms("cumulative-layout-shift"),
    si: ms("speed-index"),
    url: r.finalDisplayedUrl,
  };
}

/** A JSON file of extra headers carrying the session cookie, for lighthouseRun. */
export function cookieHeaders(workDir, cookie) {
  mkdirSync(workDir, { recursive: true });
  const headers = path.join(workDir, "lighthouse-headers.json");
  writeFileSync(headers, JSON.stringify({ Cookie: cookie }));
  return headers;
}

/**
 * Runs Lighthouse (performance only) `runs` times for each form factor and keeps the
 * run with the median score. The session cookie goes in as an extra header.
 */
export async function lighthouse({ bin, url, cookie, workDir, runs = 3, presets = ["mobile", "desktop"] }) {
  const headers = cookieHeaders(workDir, cookie);
  const out = {};
  for (const preset of presets) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await lighthouseRun({ bin, url, headers, preset, file: path.join(workDir, `lighthouse-${preset}-${i}.json`) }));
    const mid = median(results.map((x) => x.score));
    out[preset] = { ...results.find((x) => x.score === mid), scores: results.map((x) => x.score) };
  }
  return out;
}
