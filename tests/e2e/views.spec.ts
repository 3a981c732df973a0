// Issue #15, the rest of "views that find the work": saved views in the queue's view
// menu, insights' numbers that open the queue view they count, the requester filter as a
// people picker; and one way back to review from Needs info, names that wrap at
// underscores in the queue on a phone.
import { expect, test, type Page } from "@playwright/test";
import { newWatchedContext } from "./fixtures";
import { askForInfo, queueSettled, requestBody, sameOrigin, signInAs, textLines } from "./helpers";

const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}`;
const viewMenu = (page: Page) => page.getByRole("dialog", { name: "Views" });
const presets = (page: Page) => page.getByRole("navigation", { name: "Presets" });

async function openViewMenu(page: Page) {
  await page.getByRole("button", { name: "Views" }).click();
  await expect(viewMenu(page)).toBeVisible();
}

test("a person names the queue's view, finds it in the view menu under the presets, opens it and deletes it", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/requests?requester=all&stale=true&sort=statusChangedAt&order=asc&page=2");
  await queueSettled(page);
  await openViewMenu(page);
  // The presets first, with their counts; then the person's own views.
  const menu = viewMenu(page);
  await expect(menu.getByRole("list", { name: "Presets" }).getByRole("link")).toHaveText([/^Waiting on me/, /^Unassigned/, /^Stale/, /^Mine/]);
  await expect(menu.getByRole("list", { name: "Presets" }).getByRole("link", { name: /^Stale/ })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("list", { name: "Your views" })).toBeVisible();

  const name = `Stale, longest waiting ${Date.now().toString(36)}`;
  await menu.getByRole("button", { name: /Save view…/ }).click();
  const dialog = page.getByRole("dialog", { name: "Save view" });
  // An empty name is refused by the form itself.
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: `Saved the view "${name}"` })).toBeVisible();

  // The same name again, in other letters' case: the server's 409 lands on the field.
  await openViewMenu(page);
  await viewMenu(page)
    .getByRole("button", { name: /Save view…/ })
    .click();
  await dialog.getByRole("textbox", { name: "Name" }).fill(name.toUpperCase());
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog.getByText(`You already have a view named "${name}"`)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // From anywhere, the menu opens the saved view (at its first page): the stale preset, sorted by time in status.
  await page.goto("/requests");
  await queueSettled(page);
  await openViewMenu(page);
  const saved = viewMenu(page).getByRole("list", { name: "Your views" }).getByRole("link", { name });
  await expect(saved).not.toHaveAttribute("aria-current", "page");
  await saved.click();
  await expect(page).toHaveURL(/\/requests\?sort=statusChangedAt&order=asc&requester=all&stale=true$/);
  await expect(presets(page).getByRole("link", { name: /^Stale/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Sort")).toHaveValue("statusChangedAt:asc");

  // Only its owner has it.
  const theirs = await (await page.request.get("/api/views")).json();
  expect(theirs.items.map((v: { name: string }) => v.name)).toContain(name);

  // Deleted from the menu, it is gone from it.
  await openViewMenu(page);
  await expect(viewMenu(page).getByRole("link", { name })).toHaveAttribute("aria-current", "page");
  await viewMenu(page)
    .getByRole("button", { name: `Delete the view "${name}"` })
    .click();
  await expect(viewMenu(page).getByRole("link", { name })).toHaveCount(0);
  const after = await (await page.request.get("/api/views")).json();
  expect(after.items.map((v: { name: string }) => v.name)).not.toContain(name);
});

test("another person does not see someone's saved views, but the view's link works for them", async ({ page, browser }) => {
  await signInAs(page, "admin@example.com");
  const name = unique("Urgent unassigned");
  const res = await page.request.post("/api/views", { data: { name, query: "priority=URGENT&assignee=unassigned" }, headers: sameOrigin(page) });
  expect(res.status()).toBe(201);
  const { query } = await res.json();

  const bobContext = await newWatchedContext(browser);
  const bob = await bobContext.newPage();
  await signInAs(bob, "bob@example.com", `/requests?${query}`);
  await queueSettled(bob);
  await expect(bob.getByLabel("Priority")).toHaveValue("URGENT");
  await openViewMenu(bob);
  await expect(viewMenu(bob).getByRole("link", { name })).toHaveCount(0);
  await bobContext.close();
});

test("every number on /insights that counts requests opens the queue view with exactly that many", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/insights");
  const links = page.locator("main a[data-queue-count]");
  // Headline figures (4), the backlog by status (open and stale per open status: 10) and by priority (4).
  await expect(links).toHaveCount(18);
  for (const link of await links.all()) {
    const shown = Number(await link.getAttribute("data-queue-count"));
    // The number people read (a figure's text starts with it; a table's cell is it).
    expect(Number((await link.textContent())!.match(/^[\d,]+/)![0].replace(/,/g, ""))).toBe(shown);
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/requests\?/);
    const api = await (await page.request.get(`/api/requests?${href.split("?")[1]}&pageSize=1`)).json();
    expect({ href, total: api.total }).toEqual({ href, total: shown });
  }

  // "102 stale" opens the Stale preset, and the queue counts the same.
  const stale = page.getByRole("navigation", { name: "Open work in the queue" }).getByRole("link", { name: /stale$/ });
  const count = Number(await stale.getAttribute("data-queue-count"));
  expect(count).toBeGreaterThan(0);
  await stale.click();
  await expect(page).toHaveURL(/\/requests\?requester=all&stale=true$/);
  await queueSettled(page);
  await expect(presets(page).getByRole("link", { name: /^Stale/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(new RegExp(`^1–\\d+ of ${count.toLocaleString("en-US")}$`))).toBeVisible();
});

test("the requester filter is a people picker: pick someone, the chip names them, the URL holds them", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/requests?requester=all");
  await queueSettled(page);
  const requester = page.getByRole("combobox", { name: "Requester" });
  await page.getByRole("textbox", { name: "Requester" }).click();
  await requester.fill("alice");
  await page.getByRole("option", { name: /Alice Chen/ }).click();
  await expect(page).toHaveURL(/requester=user_alice/);
  await queueSettled(page);
  const field = page.locator("div").filter({ has: requester }).last();
  await expect(field.locator(".MuiChip-root")).toHaveText("Alice Chen");
  // Neither "My requests" nor "All requests": one person.
  for (const name of ["My requests", "All requests"]) await expect(page.getByRole("button", { name })).toHaveAttribute("aria-pressed", "false");
  const api = await (await page.request.get("/api/requests?requester=user_alice&pageSize=1")).json();
  expect(api.total).toBeGreaterThan(0);
  await expect(page.getByText(new RegExp(`of ${api.total.toLocaleString("en-US")}$`))).toBeVisible();

  // A reload (or a shared link) names them too.
  await page.reload();
  await expect(page.locator(".MuiChip-root", { hasText: "Alice Chen" })).toBeVisible();

  // The chip's delete clears the filter: everyone's requests again.
  await page.locator(".MuiChip-root", { hasText: "Alice Chen" }).locator(".MuiChip-deleteIcon").click();
  await expect(page).toHaveURL(/requester=all/);
  await expect(page.getByRole("button", { name: "All requests" })).toHaveAttribute("aria-pressed", "true");
  // The picker stays, empty, ready for someone else.
  await expect(page.getByRole("combobox", { name: "Requester" })).toHaveValue("");
  await expect(page.locator(".MuiChip-root", { hasText: "Alice Chen" })).toHaveCount(0);
});

test("a requester may filter by a person too (people are listed for everyone)", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  await queueSettled(page);
  await page.getByRole("textbox", { name: "Requester" }).click();
  await page.getByRole("combobox", { name: "Requester" }).fill("bob@");
  await page.getByRole("option", { name: /Bob/ }).click();
  await expect(page).toHaveURL(/requester=user_bob/);
});

test("a request waiting on its requester offers one way back: Reply and resubmit, not a plain Resubmit", async ({ page, browser }) => {
  await signInAs(page, "alice@example.com");
  const created = await page.request.post("/api/requests", { data: requestBody(unique("one_way_back")), headers: sameOrigin(page) });
  const { number, version } = await created.json();
  const adminContext = await newWatchedContext(browser);
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@example.com");
  await askForInfo(admin, number, version, "Which regions?");

  await page.goto(`/requests/${number}`);
  await expect(page.getByRole("link", { name: "Reply and resubmit" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Resubmit/ })).toHaveCount(0);
  // Cancelling stays hers to do.
  await expect(page.getByRole("region", { name: "Actions" }).getByRole("button", { name: "Cancel request" })).toBeVisible();

  // The storage team still has its own way back to review.
  await admin.goto(`/requests/${number}`);
  await expect(admin.getByRole("button", { name: "Back to review" })).toBeVisible();
  await adminContext.close();
});

test("a long dataset name in the queue wraps at underscores, not mid-word, at 375 px", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, "alice@example.com");
  const name = unique("payments_ledger_balances_by_account_and_region_daily").slice(0, 63);
  const created = await page.request.post("/api/requests", { data: requestBody(name), headers: sameOrigin(page) });
  const { number } = await created.json();
  await page.goto("/requests?requester=me");
  await queueSettled(page);
  const cell = page.getByRole("table", { name: "Requests" }).locator("tbody tr", { hasText: number }).locator("td").filter({ hasText: number });
  const lines = await textLines(cell, name);
  expect(lines.length, "the name wraps at 375 px").toBeGreaterThan(1);
  for (const line of lines.slice(0, -1)) expect(line, `"${line}" ends at an underscore`).toMatch(/_$/);
  expect(lines.join("")).toBe(name);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await context.close();
});
