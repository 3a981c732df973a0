// Issue #20, mobile page loads: the queue's New request and Import links fetch their
// pages when someone reaches for them (intent-link.tsx), not while the queue starts up;
// Next's automatic prefetch brought the request form's code (its fields and zod) into
// every queue load.
import { expect, test } from "./fixtures";
import { signInAs } from "./helpers";

test("the queue fetches the request form only when someone reaches for New request", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const fetched = new Set<string>();
  page.on("request", (r) => fetched.add(new URL(r.url()).pathname));
  await page.goto("/requests");
  await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toBeVisible();
  // The header's links are prefetched as usual: once they have been, the queue's own
  // links in view would have been too.
  await expect.poll(() => fetched.has("/insights"), { timeout: 15_000 }).toBe(true);
  await page.waitForTimeout(1000);
  expect(fetched.has("/requests/new")).toBe(false);
  expect(fetched.has("/requests/import")).toBe(false);

  const link = page.getByRole("link", { name: "New request" });
  await link.hover();
  await expect.poll(() => fetched.has("/requests/new")).toBe(true);
  await link.click();
  await expect(page).toHaveURL(/\/requests\/new$/);
  await expect(page.getByRole("button", { name: "Submit request" })).toBeVisible();
});
