// Issue #5, polish: the theme toggle, the queue's keyboard, toasts, relative times, the not-found page.
import { expect, test } from "@playwright/test";
import { queueSettled, requestBody, sameOrigin, signInAs } from "./helpers";

test("the theme follows the system until chosen; the choice survives a reload", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await signInAs(page, "alice@example.com");
  const html = page.locator("html");
  await expect(html).toHaveClass(/dark/);

  await page.getByRole("button", { name: "Theme: System" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(html).toHaveClass(/light/);
  await expect(page.getByRole("button", { name: "Theme: Light" })).toBeVisible();
  await page.reload();
  // Applied before the page paints (InitColorSchemeScript), not after hydration.
  await expect(html).toHaveClass(/light/);
  expect(await page.evaluate(() => localStorage.getItem("mui-mode"))).toBe("light");

  await page.getByRole("button", { name: "Theme: Light" }).click();
  await expect(page.getByRole("menuitemradio", { name: "Light" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(html).toHaveClass(/dark/);
  await context.close();
});

test("the queue works from the keyboard: / j k x Enter n ?", async ({ page }) => {
  await signInAs(page, "admin@example.com");
  const table = page.getByRole("table", { name: "Requests" });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await queueSettled(page);
  const focusedRow = () =>
    page.evaluate(() => (document.activeElement?.matches("tr[data-queue-row]") ? document.activeElement.querySelector("a")?.textContent : null));

  // ? lists the shortcuts.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Open the request");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  // / goes to the search box; typing there is typing, not shortcuts; Esc leaves it.
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();
  await page.keyboard.type("jk");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("jk");
  await expect(page).toHaveURL(/q=jk/);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await expect(page).not.toHaveURL(/q=/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("searchbox", { name: "Search" })).not.toBeFocused();
  await queueSettled(page);

  // j and k move through the rows.
  const numbers = await table.locator("tbody tr td:nth-child(2) a").allInnerTexts();
  await page.keyboard.press("j");
  expect(await focusedRow()).toBe(numbers[0]);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  expect(await focusedRow()).toBe(numbers[2]);
  await page.keyboard.press("k");
  expect(await focusedRow()).toBe(numbers[1]);

  // x selects the row (admins), Enter opens it.
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: `Select ${numbers[1]}` })).toBeChecked();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.keyboard.press("x");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/requests/${numbers[1]}$`));

  // n: a new request.
  await page.goBack();
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/requests\/new$/);
});

test("each action confirms with a toast; times show the exact moment on hover", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const res = await page.request.post("/api/requests", { data: requestBody(`toast_${Date.now().toString(36)}`), headers: sameOrigin(page) });
  const { number } = await res.json();
  await page.context().clearCookies();
  await signInAs(page, "admin@example.com", `/requests/${number}`);

  const toast = (text: string | RegExp) => page.locator(".MuiSnackbar-root").getByRole("alert").filter({ hasText: text });
  await page.getByLabel("Assignee").selectOption({ label: "Dana Admin (me)" });
  await expect(toast(`${number} assigned to Dana Admin`)).toBeVisible();
  await page.getByLabel("Set priority").selectOption("HIGH");
  await expect(toast(`${number} priority set to High`)).toBeVisible();
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Start review" }).click();
  await expect(toast(`${number} moved to In review`)).toBeVisible();
  await page.getByRole("textbox", { name: "Comment" }).fill("On it.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(toast("Comment added")).toBeVisible();

  // Relative time, absolute on hover: the browser's own tooltip (the title), which
  // screen readers get as the label.
  const time = page.getByRole("list", { name: "Status history" }).locator("time").first();
  await expect(time).toHaveText(/ago|just now/);
  await expect(time).toHaveAttribute("title", /\d{4}, \d{2}:\d{2} UTC/);
  await expect(time).toHaveAttribute("aria-label", /\d{4}, \d{2}:\d{2} UTC/);
});

test("an address no route answers gets the app's not-found page, with a 404", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const res = await page.goto("/nope");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the requests" }).click();
  await expect(page).toHaveURL(/\/requests$/);
});

test("at 375 px the header keeps to one line, for a requester and an admin; Sign out is an icon there and words on wider screens", async ({ browser }) => {
  for (const email of ["alice@example.com", "admin@example.com"]) {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, email);
    const header = page.getByRole("banner");
    const middle = async (name: string, role: "link" | "button") => {
      const box = (await header.getByRole(role, { name, exact: true }).boundingBox())!;
      return box.y + box.height / 2;
    };
    const line = await middle("Requests", "link");
    for (const [name, role] of [
      ["Datasets", "link"],
      ["Insights", "link"],
      ["Sign out", "button"],
    ] as const)
      expect(Math.abs((await middle(name, role)) - line)).toBeLessThan(4);
    expect((await header.boundingBox())!.height).toBeLessThan(65);
    await expect(header.getByRole("button", { name: "Sign out" })).not.toHaveText("Sign out");

    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(header.getByRole("button", { name: "Sign out" })).toHaveText("Sign out");
    await context.close();
  }
});
