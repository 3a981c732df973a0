// Issue #3 in a real browser: an admin triages a requester's request while another
// admin's open queue follows along without a reload.
import { cspViolationsOf, expect, newWatchedContext, test } from "./fixtures";
import { isSameDocument, markDocument, queueSettled, requestBody, sameOrigin, signInAs } from "./helpers";

test("assign, review, ask for info, the requester edits, approve — and a second browser sees it live", async ({ browser }) => {
  const datasetName = `triage_${Date.now().toString(36)}`;

  // The requester submits.
  const aliceContext = await newWatchedContext(browser);
  const alice = await aliceContext.newPage();
  await signInAs(alice, "alice@example.com");
  const created = await alice.request.post("/api/requests", { data: requestBody(datasetName, { readQps: 300 }), headers: sameOrigin(alice) });
  expect(created.status()).toBe(201);
  const number = (await created.json()).number as string;

  // A second admin watches the open queue, filtered to this dataset.
  const opsContext = await newWatchedContext(browser);
  const ops = await opsContext.newPage();
  await signInAs(ops, "ops@example.com");
  await ops.getByRole("searchbox", { name: "Search" }).fill(datasetName);
  await expect(ops).toHaveURL(new RegExp(`q=${datasetName}`));
  await queueSettled(ops);
  const watchedRow = ops.getByRole("table", { name: "Requests" }).locator("tbody tr", { hasText: datasetName });
  await expect(watchedRow).toContainText("Submitted");
  await markDocument(ops);

  // The admin triages.
  const adminContext = await newWatchedContext(browser);
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@example.com", `/requests/${number}`);
  await admin.getByLabel("Assignee").selectOption({ label: "Dana Admin (me)" });
  await expect(admin.getByRole("list", { name: "Status history" })).toContainText("assigned it to Dana Admin");
  await expect(watchedRow).toContainText("Dana Admin", { timeout: 15_000 });

  await admin.getByRole("button", { name: "Start review" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Start review" }).click();
  await expect(admin.getByRole("dialog")).toHaveCount(0);
  await expect(admin.getByText("In review", { exact: true }).first()).toBeVisible();

  await admin.getByRole("button", { name: "Ask for info" }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Ask for info" })).toBeDisabled();
  await dialog.getByLabel("Note (required)").fill("What is the peak read QPS during sales?");
  await dialog.getByRole("button", { name: "Ask for info" }).click();
  await expect(admin.getByRole("list", { name: "Status history" })).toContainText("What is the peak read QPS during sales?");
  await expect(watchedRow).toContainText("Needs info", { timeout: 15_000 });

  // The requester sees the question, edits, and so resubmits.
  await alice.goto(`/requests/${number}`);
  await expect(alice.getByRole("list", { name: "Status history" })).toContainText("What is the peak read QPS during sales?");
  await alice.getByRole("link", { name: "Edit request" }).click();
  await alice.getByRole("spinbutton", { name: "Peak read QPS" }).fill("4000");
  await alice.getByRole("button", { name: "Save and resubmit" }).click();
  await expect(alice).toHaveURL(new RegExp(`/requests/${number}$`));
  await expect(alice.getByRole("list", { name: "Status history" })).toContainText("changed Peak read QPS from “300” to “4000”");
  await expect(alice.getByText("In review", { exact: true }).first()).toBeVisible();
  // A requester is offered no admin step.
  await expect(alice.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The admin's open page follows, then approves.
  await expect(admin.getByRole("list", { name: "Status history" })).toContainText("changed Peak read QPS", { timeout: 15_000 });
  await admin.getByRole("button", { name: "Approve" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByText("Approved", { exact: true }).first()).toBeVisible();

  // The watching queue changed without a reload.
  await expect(watchedRow).toContainText("Approved", { timeout: 15_000 });
  expect(await isSameDocument(ops)).toBe(true);

  for (const context of [aliceContext, opsContext, adminContext]) expect(cspViolationsOf(context)).toEqual([]);
  await Promise.all([aliceContext.close(), opsContext.close(), adminContext.close()]);
});

test("an admin moves several requests at once", async ({ page }) => {
  await signInAs(page, "bob@example.com");
  const names = [0, 1].map((i) => `bulk_${i}_${Date.now().toString(36)}`);
  for (const name of names)
    expect((await page.request.post("/api/requests", { data: requestBody(name, { ownerTeam: "bulk-team" }), headers: sameOrigin(page) })).status()).toBe(201);
  await page.request.post("/api/auth/sign-out", { data: {}, headers: sameOrigin(page) });

  await page.context().clearCookies();
  await signInAs(page, "admin@example.com");
  await page.getByRole("textbox", { name: "Team" }).fill("bulk-team");
  await expect(page).toHaveURL(/team=bulk-team/);
  await queueSettled(page);
  await page.getByRole("checkbox", { name: "Select all requests on this page" }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("2 selected");
  await bar.getByLabel("Move selected to").selectOption("IN_REVIEW");
  await bar.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Moved 2 requests.")).toBeVisible();
  const rows = page.getByRole("table", { name: "Requests" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  for (const name of names) await expect(rows.filter({ hasText: name })).toContainText("In review");
});
