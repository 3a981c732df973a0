// Issue #20, mobile page loads: the queue's links fetch their pages when someone reaches
// for them (intent-link.tsx), not while the queue starts up. Next's automatic prefetch
// brought the request form's code (its fields and zod) into every queue load, and the
// header's and the presets' links had the server render four more pages (each preset a
// queue of its own) inside the queue's start-up on a phone.
import { expect, test } from "./fixtures";
import { signInAs } from "./helpers";

test("the queue fetches no other page until someone reaches for its link", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const fetched: URL[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url())));
  const pages = () =>
    fetched
      .filter((u) => !u.pathname.startsWith("/api/") && !u.pathname.startsWith("/_next/"))
      .map((u) => `${u.pathname}${u.search.replace(/[?&]_rsc=[^&]*/, "")}`);
  await page.goto("/requests");
  await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1000);
  // Only the queue itself: no form, import, header page or preset view.
  expect(new Set(pages().map((p) => p.split("?")[0]))).toEqual(new Set(["/requests"]));
  expect(pages().filter((p) => p.startsWith("/requests?"))).toEqual([]);

  await page.getByRole("navigation", { name: "Presets" }).getByRole("link").first().hover();
  await expect.poll(() => pages().some((p) => p.startsWith("/requests?"))).toBe(true);
  await page.getByRole("link", { name: "Insights" }).hover();
  await expect.poll(() => pages().includes("/insights")).toBe(true);

  const link = page.getByRole("link", { name: "New request" });
  await link.hover();
  await expect.poll(() => pages().includes("/requests/new")).toBe(true);
  await link.click();
  await expect(page).toHaveURL(/\/requests\/new$/);
  await expect(page.getByRole("button", { name: "Submit request" })).toBeVisible();
});
