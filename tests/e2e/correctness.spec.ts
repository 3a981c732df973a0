// Issue #15, correctness: real 404s for addresses that name nothing; comments with
// clickable links and kept line breaks, which their author may edit or delete; long
// dataset names that wrap at underscores on a phone.
import { expect, test, type Page } from "@playwright/test";
import { requestBody, sameOrigin, signInAs, textLines } from "./helpers";

async function newRequest(page: Page, datasetName: string): Promise<{ number: string; datasetName: string }> {
  const res = await page.request.post("/api/requests", { data: requestBody(datasetName), headers: sameOrigin(page) });
  expect(res.status()).toBe(201);
  return res.json();
}
const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}`;

test("an address that names no request or dataset answers 404 with the not-found page; a real one 200", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const real = await newRequest(page, unique("real_404_check"));
  for (const path of ["/requests/KV-999999", "/requests/KV-999999/edit", "/datasets/no_such_x", "/requests/not-a-number", "/datasets/Bad%20Name"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    // Inside the signed-in frame: the header is there.
    await expect(page.getByRole("button", { name: /, account menu$/ })).toBeVisible();
  }
  for (const path of [`/requests/${real.number}`, `/requests/${real.number}/edit`, `/datasets/${real.datasetName}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(real.number);
  }
});

test("a comment's links are clickable and safe, and its line breaks are kept", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const r = await newRequest(page, unique("comment_links"));
  await page.goto(`/requests/${r.number}`);
  await expect(page.getByText("No comments yet. Ask a question or add context below.")).toBeVisible();
  await expect(page.getByText(/everyone following/)).toHaveCount(0);

  const body = 'Runbook: https://wiki.example.com/kv/runbook?x=1.\nNot a link: javascript:alert(1)\n<b>bold?</b> <a href="http://evil.example">x</a>';
  await page.getByRole("textbox", { name: "Comment" }).fill(body);
  await page.getByRole("button", { name: "Add comment" }).click();
  const comment = page.getByRole("listitem").filter({ hasText: "Runbook:" });
  await expect(comment).toBeVisible();

  const link = comment.getByRole("link", { name: "https://wiki.example.com/kv/runbook?x=1" });
  await expect(link).toHaveAttribute("href", "https://wiki.example.com/kv/runbook?x=1");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  // javascript: stays text, and markup stays text: a typed <a> is not an <a>, only the
  // http URL inside it becomes a link of its own (to what it says, shown as it is).
  await expect(comment.getByRole("link")).toHaveCount(2);
  await expect(comment.getByRole("link").nth(1)).toHaveText("http://evil.example");
  for (const href of await comment.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")))) expect(href).toMatch(/^https?:\/\//);
  await expect(comment.locator("b")).toHaveCount(0);
  await expect(comment).toContainText('<b>bold?</b> <a href="http://evil.example">x</a>');
  // Line breaks kept: the rendered text (innerText follows CSS white-space) still breaks where the comment did.
  const text = comment.locator("p", { hasText: "Runbook:" });
  await expect(text).toHaveCSS("white-space", "pre-wrap");
  expect((await text.innerText()).split("\n")).toEqual([
    "Runbook: https://wiki.example.com/kv/runbook?x=1.",
    "Not a link: javascript:alert(1)",
    '<b>bold?</b> <a href="http://evil.example">x</a>',
  ]);
});

test("the author edits and deletes their own comment; the history says so; others see no buttons", async ({ page, browser }) => {
  await signInAs(page, "alice@example.com");
  const r = await newRequest(page, unique("comment_edit"));
  await page.goto(`/requests/${r.number}`);
  await page.getByRole("textbox", { name: "Comment" }).fill("Backfill starts Monday");
  await page.getByRole("button", { name: "Add comment" }).click();
  const comment = page.getByRole("listitem").filter({ hasText: "Backfill starts" });
  await expect(comment).toBeVisible();

  await comment.getByRole("button", { name: "Edit comment" }).click();
  const editor = comment.getByRole("textbox", { name: "Edit comment" });
  await expect(editor).toBeFocused();
  await editor.fill("Backfill starts Tuesday");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment).toContainText("Backfill starts Tuesday");
  await expect(comment).toContainText("(edited)");
  await expect(page.getByRole("listitem").filter({ hasText: "edited a comment" })).toBeVisible();

  // Someone else sees the comment, never its author's buttons.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInAs(bob, "bob@example.com", `/requests/${r.number}`);
  const seenByBob = bob.getByRole("listitem").filter({ hasText: "Backfill starts Tuesday" });
  await expect(seenByBob).toBeVisible();
  await expect(seenByBob.getByRole("button")).toHaveCount(0);

  await comment.getByRole("button", { name: "Delete" }).click();
  await comment.getByRole("button", { name: "Keep" }).click();
  await expect(comment).toContainText("Backfill starts Tuesday");
  await comment.getByRole("button", { name: "Delete" }).click();
  await comment.getByRole("button", { name: "Delete comment" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Comment deleted" })).toBeVisible();
  await expect(page.getByText("Backfill starts Tuesday")).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: "deleted a comment" })).toBeVisible();

  // Bob's page follows (live updates) and shows the same.
  await expect(bob.getByRole("listitem").filter({ hasText: "Comment deleted" })).toBeVisible();
  await expect(bob.getByText("Backfill starts Tuesday")).toHaveCount(0);
  await bobContext.close();
});

test("a long dataset name in a heading wraps at underscores, not mid-word, at 375 px", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, "alice@example.com");
  const name = unique("payments_ledger_balances_by_account_and_region_daily").slice(0, 63);
  const r = await newRequest(page, name);

  for (const path of [`/requests/${r.number}`, `/datasets/${name}`, `/requests/${r.number}/edit`]) {
    await page.goto(path);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toContainText(name);
    // Each line of the heading's name ends at an underscore (or the name's end).
    const lines = await textLines(heading, name);
    expect(lines.length, `${path}: the name wraps at 375 px`).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line, `${path}: "${line}" ends at an underscore`).toMatch(/_$/);
    expect(lines.join("")).toBe(name);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  }
  await context.close();
});
