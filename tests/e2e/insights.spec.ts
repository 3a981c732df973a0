// Issue #5, insights: charts with text alternatives, numbers from the database.
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

const OPEN = ["SUBMITTED", "IN_REVIEW", "NEEDS_INFO", "APPROVED", "PROVISIONING"];

test("a requester opens Insights from the header: five charts, each with a summary and its numbers", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await expect(page).toHaveURL(/\/insights$/);
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Insights" })).toHaveAttribute("aria-current", "page");

  for (const title of ["Requests over time", "Backlog by status", "Median time to completion", "Top teams", "Backlog by priority"]) {
    const card = page.getByRole("region", { name: title });
    await expect(card.locator("figcaption")).not.toBeEmpty();
    // A chart is drawn when its card comes near the screen (lazy-charts.tsx).
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator(".MuiChartsSurface-root")).toBeVisible();
  }

  // The backlog the database counted is the backlog the API lists.
  const card = page.getByRole("region", { name: "Backlog by status" });
  await card.getByText("Show the numbers").click();
  const table = card.getByRole("table", { name: "Backlog by status" });
  await expect(table).toBeVisible();
  const openCells = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
  const shown = openCells.reduce((sum, t) => sum + Number(t.replace(/,/g, "")), 0);
  const query = OPEN.map((s) => `status=${s}`).join("&");
  const api = await (await page.request.get(`/api/requests?${query}&requester=all&pageSize=1`)).json();
  expect(shown).toBe(api.total);
  await expect(card.locator("figcaption")).toContainText(`${api.total.toLocaleString("en-US")} open request`);
});

test("the period is chosen in the URL: 6, 12 or 24 months", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/insights");
  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "6 months" }).click();
  await expect(page).toHaveURL(/months=6/);
  const card = page.getByRole("region", { name: "Requests over time" });
  await card.getByText("Show the numbers").click();
  await expect(card.getByRole("table").locator("tbody tr")).toHaveCount(6);
  await expect(card.locator("figcaption")).toContainText("in the last 6 months");
  await expect(page.getByRole("link", { name: "6 months" })).toHaveAttribute("aria-current", "page");
});

test("on a phone, a chart below the first view is drawn only when scrolled to", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, "alice@example.com", "/insights");
  const first = page.getByRole("region", { name: "Requests over time" });
  const last = page.getByRole("region", { name: "Backlog by priority" });
  await expect(first.locator(".MuiChartsSurface-root")).toBeVisible();
  // Its summary and numbers are there from the start; only the picture waits.
  await expect(last.locator("figcaption")).not.toBeEmpty();
  await expect(last.locator(".MuiChartsSurface-root")).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator(".MuiChartsSurface-root")).toBeVisible();
});
