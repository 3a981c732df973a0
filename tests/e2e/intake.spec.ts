// Issue 15, intake: one submit shows every problem in people's words, required selects
// look required, the edit page has a way back, and a request waiting on its requester
// says so and is answered in one step.
import type { Page } from "@playwright/test";
import { cspViolationsOf, expect, newWatchedContext, test } from "./fixtures";
import { askForInfo, queueSettled, requestBody, sameOrigin, signInAs } from "./helpers";
import { EVERYTHING_WRONG_LABELS } from "../helpers/everything-wrong";

const textbox = (page: Page, label: string) => page.getByRole("textbox", { name: label });

test("a migration with everything wrong: the first submit lists every problem, in words a person can act on", async ({ page }) => {
  await signInAs(page, "alice@example.com", "/requests/new");
  const form = page.getByRole("form", { name: "Dataset request" });

  // Required selects carry the same mark as required text boxes.
  await expect(textbox(page, "Dataset name")).toHaveAttribute("required", "");
  for (const label of ["Request type", "Key format", "Value format", "Ingestion", "Update frequency", "Data classification"]) {
    const select = page.getByRole("combobox", { name: label });
    await expect(select).toHaveAttribute("required", "");
    await expect(form.locator(`label[for="${await select.getAttribute("id")}"]`)).toHaveText(new RegExp(`^${label}\\s*\\*$`));
  }
  await expect(page.getByRole("combobox", { name: "Priority" })).not.toHaveAttribute("required");

  await textbox(page, "Dataset name").fill("Payments Ledger!");
  await page.getByLabel("Request type").selectOption("MIGRATION");
  await expect(page.getByRole("combobox", { name: "Source system" })).toHaveAttribute("required", "");
  await textbox(page, "Owner team").fill("p");
  await textbox(page, "Contact email").fill("not an email");
  await textbox(page, "Use case").fill("too short");
  await page.getByLabel("Value format").selectOption("THRIFT");
  await page.getByLabel("Ingestion").selectOption("BATCH");
  await textbox(page, "Estimated key count").fill("about a billion");
  await page.getByRole("spinbutton", { name: "Peak read QPS" }).fill("1.5");
  await page.getByRole("spinbutton", { name: "p99 latency target (ms)" }).fill("0");
  await page.getByRole("switch", { name: "Backups" }).check();
  await page.getByLabel("Needed by").fill("2001-09-09");
  await page.getByRole("button", { name: "Submit request" }).click();

  // The error summary (a possible-duplicate hint is an alert too, when another test made a similar name).
  const summary = form.getByRole("alert").filter({ hasText: "before submitting" });
  await expect(summary).toContainText("Fix these 18 fields before submitting");
  const listed = await summary.getByRole("link").allInnerTexts();
  expect(listed.sort()).toEqual([...EVERYTHING_WRONG_LABELS].sort());
  for (const item of await summary.getByRole("listitem").allInnerTexts()) {
    expect(item).not.toMatch(/Invalid input|expected|received|\/\^|\bnumber\b|\bstring\b|undefined/);
  }
  await expect(summary).toContainText("Source system is required for a migration");
  await expect(summary).toContainText("Value schema (the struct or message name) is required for Thrift values");
  await expect(summary).toContainText("Source location is required for batch ingestion");
  await expect(summary).toContainText("Backup retention (days) is required when backups are on");
  await expect(summary).toContainText("Needed by cannot be in the past");
  await expect(summary).toContainText("Estimated key count must be a whole count of keys above 0, in digits (e.g. 250000000)");
  // And the same words under the field itself.
  await expect(page.locator("#field-estimatedKeyCount-helper-text")).toHaveText(
    "Estimated key count must be a whole count of keys above 0, in digits (e.g. 250000000)",
  );
  await expect(page).toHaveURL(/\/requests\/new$/);
});

test("the edit page's Cancel goes back to the request without saving", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const created = await page.request.post("/api/requests", { data: requestBody(`cancel_${Date.now().toString(36)}`), headers: sameOrigin(page) });
  expect(created.status()).toBe(201);
  const { number, version } = await created.json();

  // Unchanged: Cancel just leaves.
  await page.goto(`/requests/${number}/edit`);
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${number}$`));

  // Changed: the leave guard asks, and leaving saves nothing.
  await page.goto(`/requests/${number}/edit`);
  await textbox(page, "Owner team").fill("someone-else");
  await page.getByRole("link", { name: "Cancel" }).click();
  const dialog = page.getByRole("dialog", { name: "Discard your changes?" });
  await dialog.getByRole("button", { name: "Leave" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${number}$`));
  await expect(page.getByRole("region", { name: "Ownership" })).toContainText("payments");
  const stored = await (await page.request.get(`/api/requests/${number}`)).json();
  expect(stored.ownerTeam).toBe("payments");
  expect(stored.version).toBe(version);
});

test("asked for information, the requester sees the question on top, replies and resubmits in one step", async ({ browser }) => {
  const datasetName = `asked_${Date.now().toString(36)}`;
  const question = "Which regions read it during the sales peak, and at what QPS?";

  const aliceContext = await newWatchedContext(browser);
  const alice = await aliceContext.newPage();
  await signInAs(alice, "alice@example.com");
  const created = await alice.request.post("/api/requests", { data: requestBody(datasetName, { readQps: 300 }), headers: sameOrigin(alice) });
  expect(created.status()).toBe(201);
  const { number } = await created.json();

  // The admin reviews and asks.
  const adminContext = await newWatchedContext(browser);
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@example.com", `/requests/${number}`);
  await admin.getByRole("button", { name: "Start review" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Start review" }).click();
  await expect(admin.getByRole("dialog")).toHaveCount(0);
  await admin.getByRole("button", { name: "Ask for info" }).click();
  await admin.getByRole("dialog").getByLabel("Note (required)").fill(question);
  await admin.getByRole("dialog").getByRole("button", { name: "Ask for info" }).click();
  await expect(admin.getByRole("dialog")).toHaveCount(0);
  // The admin sees the question too, and whom it waits on.
  await expect(admin.getByRole("region", { name: /The storage team asked · waiting on Alice Chen/ })).toContainText(question);

  // Alice's queue says the row waits on her.
  await alice.goto("/requests");
  await queueSettled(alice);
  const row = alice.getByRole("table", { name: "Requests" }).locator("tbody tr", { hasText: datasetName });
  await expect(row).toContainText("Needs info");
  await expect(row.getByText("waiting on you", { exact: true })).toBeVisible();

  // On her request's page the question comes first, above the actions.
  await row.getByRole("link", { name: number }).click();
  await expect(alice).toHaveURL(new RegExp(`/requests/${number}$`));
  const banner = alice.getByRole("region", { name: "The storage team asked you" });
  await expect(banner).toContainText(question);
  await expect(banner).toContainText("Dana Admin");
  const bannerBox = (await banner.boundingBox())!;
  const actionsBox = (await alice.getByRole("region", { name: "Actions" }).boundingBox())!;
  expect(bannerBox.y).toBeLessThan(actionsBox.y);

  // Reply and resubmit: the reply, a changed field, one click.
  await banner.getByRole("link", { name: "Reply and resubmit" }).click();
  await expect(alice).toHaveURL(new RegExp(`/requests/${number}/edit#reply$`));
  await expect(alice.getByRole("region", { name: "The storage team asked you" })).toContainText(question);
  const reply = alice.getByRole("textbox", { name: "Your reply" });
  await expect(reply).toBeFocused();
  await reply.fill("us-east-1 and eu-west-1, about 4000 reads a second at the peak.");
  await alice.getByRole("spinbutton", { name: "Peak read QPS" }).fill("4000");
  await alice.getByRole("button", { name: "Reply and resubmit" }).click();

  await expect(alice).toHaveURL(new RegExp(`/requests/${number}$`));
  await expect(alice.getByText("In review", { exact: true }).first()).toBeVisible();
  await expect(alice.getByRole("region", { name: "The storage team asked you" })).toHaveCount(0);
  const detail = await (await alice.request.get(`/api/requests/${number}`)).json();
  expect(detail.status).toBe("IN_REVIEW");
  expect(detail.readQps).toBe(4000);
  expect(detail.comments.map((c: { body: string }) => c.body)).toEqual(["us-east-1 and eu-west-1, about 4000 reads a second at the peak."]);
  await expect(alice.getByRole("region", { name: "Activity" })).toContainText("about 4000 reads a second at the peak");

  // No longer waiting on her.
  await alice.goto("/requests");
  await queueSettled(alice);
  await expect(row).toContainText("In review");
  await expect(row.getByText("waiting on you")).toHaveCount(0);

  for (const context of [aliceContext, adminContext]) expect(cspViolationsOf(context)).toEqual([]);
  await Promise.all([aliceContext.close(), adminContext.close()]);
});

test("a reply alone resubmits too", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const created = await page.request.post("/api/requests", { data: requestBody(`reply_${Date.now().toString(36)}`), headers: sameOrigin(page) });
  const { number, version } = await created.json();
  // The admin's moves through the API, as tooling would make them.
  const adminContext = await newWatchedContext(page.context().browser()!);
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@example.com");
  await askForInfo(admin, number, version, "Is the TTL right?");
  await adminContext.close();

  await page.goto(`/requests/${number}/edit`);
  await page.getByRole("textbox", { name: "Your reply" }).fill("Yes, keep it forever.");
  await page.getByRole("button", { name: "Reply and resubmit" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${number}$`));
  const detail = await (await page.request.get(`/api/requests/${number}`)).json();
  expect(detail.status).toBe("IN_REVIEW");
  expect(detail.comments.map((c: { body: string }) => c.body)).toEqual(["Yes, keep it forever."]);
});
