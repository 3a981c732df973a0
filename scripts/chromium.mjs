// Debian's Chromium and the flags it needs here (no sandbox, no network side traffic),
// for every tool that drives it: Playwright, the screenshot script, Lighthouse.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/**
 * The browser tests' Chromium: Debian's chromium-headless-shell, the same engine without
 * the browser's UI, as Playwright itself runs headless tests. The full browser in headless
 * mode spent 1.8× the renderer CPU on the same specs (views and triage views: 118 s
 * against 65); the whole Playwright suite went 19.8 → 14.1 min on 2 cores. Screenshots for
 * people, Lighthouse and the live-update bench keep the full browser (what people run).
 */
export const CHROMIUM_TEST_PATH = process.env.CHROMIUM_TEST_PATH ?? "/usr/bin/chromium-headless-shell";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
