// Mobile page loads (issue #20): Lighthouse mobile on every signed-in page and /signin,
// beside the empty page in the same root layout, measured in the same run. `npm run
// bench -- --sizes 10000 --only pages --no-build` runs this alone (page weight, not data
// size, is measured, so on the 10,000-request database).
//
// Goal: every page's median score within 5 points of the empty page's, and its median
// total blocking time within 1.5× the empty page's. The empty pages answer only when the
// server runs with BENCH_EMPTY_PAGES=1 (lib/bench/empty-pages.ts), which bench.mjs sets.
import path from "node:path";
import { cookieHeaders, lighthouseRun, median } from "./lighthouse.mjs";
import { f0 } from "./format.mjs";

export const PAGES_GROUP = "pages";
export const EMPTY = "empty page (root layout)";
const SCORE_GAP = 5;
const TBT_RATIO = 1.5;

/** The pages measured: path, and whether it is asked for signed in (/signin is not). */
export function pagesToMeasure(info) {
  const number = info.detailNumbers[Math.floor(info.detailNumbers.length / 2)];
  return [
    { name: EMPTY, path: "/bench/empty", floor: true },
    { name: "empty page in the signed-in frame", path: "/bench/frame", context: true },
    { name: "sign in", path: "/signin", anonymous: true },
    { name: "queue", path: "/requests" },
    { name: "new request", path: "/requests/new" },
    { name: "request page", path: `/requests/KV-${number}` },
    { name: "dataset page", path: `/datasets/${info.datasetNames[0]}` },
    { name: "insights", path: "/insights" },
    { name: "inbox", path: "/inbox" },
  ];
}

/** A run Lighthouse could not record (its figures are left out of the medians). */
const LOST = { score: NaN, tbt: NaN, fcp: NaN, lcp: NaN, cls: NaN };

/**
 * `runs` Lighthouse mobile runs of each page, interleaved (round 1 of every page, then
 * round 2…) so a busy minute on the shared machine lands on all pages alike, not on one.
 * Each page must answer 200 first: a redirect to /signin or a 404 would be measured as
 * a fast page.
 */
export async function measurePages({ bin, appUrl, cookie, info, workDir, runs = 5, log }) {
  const pages = pagesToMeasure(info);
  for (const p of pages) {
    const res = await fetch(appUrl + p.path, { headers: p.anonymous ? {} : { cookie }, redirect: "manual" });
    if (res.status !== 200) throw new Error(`${p.path} answered ${res.status}, not 200: nothing to measure`);
  }
  const headers = cookieHeaders(workDir, cookie);
  // One run thrown away: the first Chromium of a run starts from a cold disk cache.
  await lighthouseRun({ bin, url: appUrl + pages[0].path, headers, preset: "mobile", file: path.join(workDir, "page-warmup.json") });
  const byPage = new Map(pages.map((p) => [p.name, []]));
  for (let round = 0; round < runs; round++) {
    // Each round starts one page further on, so no page is always the first after a pause.
    for (let k = 0; k < pages.length; k++) {
      const i = (k + round) % pages.length;
      const p = pages[i];
      const file = path.join(workDir, `page-${i}-${round}.json`);
      let r;
      try {
        r = await lighthouseRun({ bin, url: appUrl + p.path, headers: p.anonymous ? null : headers, preset: "mobile", file });
      } catch (e) {
        // Chromium losing the trace twice (NO_NAVSTART) costs this run, not the whole
        // group: the page's median is of the runs that reported, and the table shows
        // the lost one. Most of a page's runs lost leaves no median worth reporting.
        byPage.get(p.name).push(LOST);
        log?.(`pages round ${round + 1}/${runs}: ${p.name.padEnd(36)} lost (${String(e.message ?? e).slice(0, 120)})`);
        if (byPage.get(p.name).filter((x) => x === LOST).length > runs / 2) throw e;
        continue;
      }
      if (new URL(r.url).pathname !== p.path) throw new Error(`${p.path} ended on ${r.url}`);
      byPage.get(p.name).push(r);
      log?.(`pages round ${round + 1}/${runs}: ${p.name.padEnd(36)} ${r.score} TBT ${r.tbt.toFixed(0)} ms`);
    }
  }
  return {
    runs,
    pages: pages.map((p) => {
      const rs = byPage.get(p.name);
      const m = (k) => median(rs.map((r) => r[k]));
      return {
        ...p,
        scores: rs.map((r) => r.score),
        tbts: rs.map((r) => r.tbt),
        score: m("score"),
        tbt: m("tbt"),
        fcp: m("fcp"),
        lcp: m("lcp"),
        cls: m("cls"),
      };
    }),
  };
}

/** Each page against the empty page: within SCORE_GAP points and TBT_RATIO × its TBT. */
export function judgePages(result) {
  const floor = result.pages.find((p) => p.floor);
  return result.pages.map((p) => {
    const gap = floor.score - p.score;
    const ratio = floor.tbt > 0 ? p.tbt / floor.tbt : NaN;
    const met = p.floor || p.context ? null : gap <= SCORE_GAP && ratio <= TBT_RATIO;
    return { ...p, gap, ratio, met };
  });
}

export function renderPages(result, { load } = {}) {
  const rows = [
    `#### Mobile page loads (Lighthouse mobile, medians of ${result.runs})`,
    "",
    `Goal: every page's median score within ${SCORE_GAP} points of the empty page in the same root layout, and its median TBT within ${TBT_RATIO}× the empty page's, in the same run.${load ? ` Load average ${load}.` : ""} Runs interleaved (round 1 of every page, then round 2…, each round starting one page further on), after one discarded warm-up run.`,
    "",
    "| page | path | score (runs) | TBT ms (runs) | FCP ms | LCP ms | CLS | points below empty | TBT ÷ empty | goal |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const p of judgePages(result)) {
    const verdict = p.floor ? "the floor" : p.context ? "context" : p.met ? "met" : "**not met**";
    rows.push(
      `| ${p.name} | \`${p.path.replace(/KV-\d+/, "KV-n").replace(/^\/datasets\/.+/, "/datasets/<name>")}\` | ${f0(p.score)} (${p.scores.map((x) => (Number.isFinite(x) ? x : "lost")).join(", ")}) | ${f0(p.tbt)} (${p.tbts.map(f0).join(", ")}) | ${f0(p.fcp)} | ${f0(p.lcp)} | ${Number.isFinite(p.cls) ? p.cls.toFixed(3) : "–"} | ${p.floor ? "" : f0(p.gap)} | ${p.floor ? "" : Number.isFinite(p.ratio) ? `${p.ratio.toFixed(2)}×` : "–"} | ${verdict} |`,
    );
  }
  return rows.join("\n");
}
