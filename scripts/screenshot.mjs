// Looks at pages the way a person would: signs in, opens each path in Debian's
// Chromium, saves PNGs to screenshots/ (git-ignored).
//
//   node scripts/screenshot.mjs [--base http://localhost:3000] [--user alice@example.com]
//        [--theme light|dark] [--width 1366] [--full] [--click "Submit request"] /requests /requests/new ...
//
// --click presses the button of that name on each page before the shot (e.g. a form's
// submit, to see its errors).
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", default: process.env.BASE_URL ?? "http://localhost:3000" },
    user: { type: "string", default: "alice@example.com" },
    password: { type: "string", default: "kvstore-demo" },
    theme: { type: "string", default: "light" },
    width: { type: "string", default: "1366" },
    full: { type: "boolean", default: false },
    out: { type: "string", default: "screenshots" },
    click: { type: "string" },
  },
});

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const width = Number(values.width);
const context = await browser.newContext({ viewport: { width, height: width < 600 ? 800 : 900 }, colorScheme: values.theme, baseURL: values.base });
const res = await context.request.post("/api/auth/sign-in/email", {
  data: { email: values.user, password: values.password },
  headers: { Origin: values.base },
});
if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
mkdirSync(values.out, { recursive: true });
const page = await context.newPage();
for (const path of positionals.length ? positionals : ["/requests"]) {
  await page.goto(path, { waitUntil: "networkidle" });
  if (values.click) {
    await page.getByRole("button", { name: values.click, exact: true }).click();
    await page.waitForTimeout(500);
  }
  const file = `${values.out}/${path.replace(/^\//, "").replace(/[^\w-]+/g, "_") || "root"}${values.click ? `-${values.click.replace(/\W+/g, "_")}` : ""}-${values.theme}-${width}.png`;
  await page.screenshot({ path: file, fullPage: values.full });
  console.log(file);
}
await browser.close();
