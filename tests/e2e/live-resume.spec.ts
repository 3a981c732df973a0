// The first-connect gap: a change made after the queue page was rendered but before its
// live stream connected must still reach the open queue, at once, not at the next poll.
import { test, expect } from "./fixtures";
import { isSameDocument, markDocument, queueSettled, requestBody, sameOrigin, signInAs } from "./helpers";
import type { Route } from "@playwright/test";

test("a request created while the queue's stream is still connecting shows up as soon as it connects", async ({ page }) => {
  await signInAs(page, "admin@example.com");

  // Hold the next page's event stream until we let it go.
  let held: (route: Route) => void;
  const streamRequested = new Promise<Route>((resolve) => (held = resolve));
  await page.route("**/api/events**", (route) => held(route));
  const listFetches: number[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/requests") listFetches.push(Date.now());
  });

  await page.goto("/requests");
  const route = await streamRequested;
  const table = page.getByRole("table", { name: "Requests" });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await queueSettled(page);
  await markDocument(page);
  // The first connection names the event the page was rendered at.
  expect(new URL(route.request().url()).searchParams.get("lastEventId")).toMatch(/^[0-9a-z]+-[0-9a-f]+-[0-9a-z]+$/);

  const datasetName = `gap_${Date.now().toString(36)}`;
  const res = await page.request.post("/api/requests", { headers: sameOrigin(page), data: requestBody(datasetName) });
  expect(res.status()).toBe(201);
  const created = Date.now();
  await expect(table).not.toContainText(datasetName);
  // Nothing refetched the list meanwhile (the 5 s poll of a page without its stream).
  expect(listFetches.filter((t) => t >= created)).toEqual([]);

  const released = Date.now();
  await route.continue();
  await expect(table.locator("tbody tr").first()).toContainText(datasetName, { timeout: 2_000 });
  expect(Date.now() - released).toBeLessThan(2_000);
  expect(await isSameDocument(page)).toBe(true);
});
