// The bench's empty pages (lib/bench/empty-pages.ts) are not part of the product: the
// browser-test server runs without BENCH_EMPTY_PAGES, as a deployment does, so they are a
// 404 to a signed-in person and a sign-in to anyone else. (npm run bench turns them on
// and refuses to measure unless each answers 200: scripts/bench/pages.mjs.)
import { expect, test } from "./fixtures";
import { signInAs } from "./helpers";

for (const path of ["/bench/empty", "/bench/frame"]) {
  test(`${path} is a 404 unless the bench turns it on`, async ({ page }) => {
    await signInAs(page, "alice@example.com");
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Empty page" })).toHaveCount(0);
  });

  test(`${path} sends an anonymous visitor to sign in`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(path)}`));
  });
}
