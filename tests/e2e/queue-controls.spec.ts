// The queue's pager and status filter, which are native elements drawn like MUI's (not
// TablePagination / TextField select) to keep the page's first-load JavaScript small.
import { expect, test } from "@playwright/test";
import { columnTexts, queueSettled, signInAs } from "./helpers";

test("pages through the queue and changes the page size, in the URL", async ({ page }) => {
  await signInAs(page, "admin@example.com");
  await page.getByRole("button", { name: "All requests" }).click();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/status=/);
  const pager = page.getByText(/^\d+–\d+ of \d+$/);
  await expect(pager).toHaveText(/^1–25 of 3\d\d$/);
  const total = Number((await pager.innerText()).split(" of ")[1]);
  expect(total).toBeGreaterThan(50);
  await expect(page.getByRole("button", { name: "Go to previous page" })).toBeDisabled();

  // "Next" reads the page after the last row shown (a cursor in the URL), not at an offset.
  await page.getByRole("button", { name: "Go to next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/[?&]after=[A-Za-z0-9_-]+/);
  await expect(pager).toHaveText(`26–50 of ${total}`);
  const rows = page.getByRole("table", { name: "Requests" }).locator("tbody tr");
  await expect(rows).toHaveCount(25);
  // The same rows as page 2 by its number.
  const asked = new URL(page.url()).searchParams;
  asked.delete("after");
  const byNumber = (await (await page.request.get(`/api/requests?${asked}`)).json()) as { items: { number: string }[] };
  await expect(rows.first()).toContainText(byNumber.items[0]!.number);
  await expect(rows.last()).toContainText(byNumber.items[24]!.number);

  await page.getByLabel("Rows per page:").selectOption("50");
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(pager).toHaveText(`1–50 of ${total}`);
  await expect(rows).toHaveCount(50);
});

test("the status filter opens from the keyboard and takes several statuses", async ({ page }) => {
  await signInAs(page, "admin@example.com");
  await page.getByRole("button", { name: "Clear filters" }).click();
  const status = page.getByRole("combobox", { name: "Status" });
  await status.focus();
  await page.keyboard.press("ArrowDown");
  const listbox = page.getByRole("listbox");
  await expect(listbox).toBeVisible();
  await listbox.getByRole("option", { name: "Needs info" }).click();
  await listbox.getByRole("option", { name: "Approved" }).click();
  await expect(listbox.getByRole("option", { name: "Approved" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Escape");
  await expect(listbox).toBeHidden();
  await expect(page).toHaveURL(/status=NEEDS_INFO&status=APPROVED/);
  await expect(status).toHaveValue("Needs info, Approved");
  await queueSettled(page);
  const statuses = (await columnTexts(page, "Status")).map((text) => text.split("\n")[0]!.trim());
  expect(statuses.length).toBeGreaterThan(0);
  for (const text of statuses) expect(["Needs info", "Approved"]).toContain(text);
});
