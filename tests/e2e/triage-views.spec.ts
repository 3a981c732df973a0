// Issue #15, triage: the guarded migration checklist, confirmations before terminal
// moves, bulk assignment, the queue's presets with counts, the time-in-status sort and
// the phone's folded filters — as admins and requesters see them.
import { expect, test, type Page } from "@playwright/test";
import { queueSettled, requestBody, sameOrigin, signInAs } from "./helpers";

const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** A request filed by alice (through the API, in this page's session when it is alice's). */
async function fileAsAlice(page: Page, datasetName: string, overrides: Record<string, unknown> = {}): Promise<{ number: string; version: number }> {
  const res = await page.request.post("/api/requests", { data: requestBody(datasetName, overrides), headers: sameOrigin(page) });
  expect(res.status()).toBe(201);
  return res.json();
}

async function move(page: Page, r: { number: string; version: number }, to: string, note?: string) {
  const res = await page.request.post(`/api/requests/${r.number}/transitions`, { data: { to, note, version: r.version }, headers: sameOrigin(page) });
  expect(res.status()).toBe(200);
  return res.json();
}

test("an admin completes a migration with open checklist steps only with an override note, which the history shows", async ({ browser }) => {
  const name = unique("guarded_migration");
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, "alice@example.com");
  let r = await fileAsAlice(alice, name, { requestType: "MIGRATION", sourceSystem: "REDIS" });

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin@example.com");
  for (const to of ["IN_REVIEW", "APPROVED", "PROVISIONING"]) r = await move(page, r, to);
  const ticked = await page.request.patch(`/api/requests/${r.number}`, {
    data: { checklist: { DUAL_WRITES: true, BACKFILL: true, VERIFICATION: true }, version: r.version },
    headers: sameOrigin(page),
  });
  expect(ticked.status()).toBe(200);

  await page.goto(`/requests/${r.number}`);
  await page.getByRole("button", { name: "Mark completed" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark completed" });
  await expect(dialog).toContainText("The migration checklist has open steps: Cut-over, Legacy decommission.");
  await expect(dialog.getByRole("button", { name: "Mark completed" })).toBeDisabled();
  await dialog.getByRole("checkbox", { name: "Complete with open steps (override)" }).check();
  // The override needs a note saying why.
  await expect(dialog.getByRole("button", { name: "Mark completed anyway" })).toBeDisabled();
  await dialog.getByRole("textbox", { name: "Why override? (required)" }).fill("The legacy cluster belongs to the search team now");
  await dialog.getByRole("button", { name: "Mark completed anyway" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText("Checklist overridden with open steps (Cut-over, Legacy decommission): The legacy cluster belongs to the search team now"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark completed" })).toHaveCount(0);
});

test("Reject and Cancel say what they end and ask first, alone and in bulk", async ({ browser }) => {
  const team = unique("confirm_team");
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, "alice@example.com");
  const one = await fileAsAlice(alice, unique("confirm_one"), { ownerTeam: team });
  const two = await fileAsAlice(alice, unique("confirm_two"), { ownerTeam: team });

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin@example.com", `/requests/${one.number}`);
  await page.getByRole("button", { name: "Reject" }).click();
  const dialog = page.getByRole("dialog", { name: "Reject" });
  await expect(dialog).toContainText("a rejected request cannot be reopened");
  await dialog.getByRole("button", { name: "Back" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Submitted").first()).toBeVisible();

  // Bulk: the same question before cancelling two requests.
  await page.goto(`/requests?requester=all&team=${team}`);
  await queueSettled(page);
  await page.getByRole("checkbox", { name: `Select ${one.number}` }).check();
  await page.getByRole("checkbox", { name: `Select ${two.number}` }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Move selected to").selectOption("CANCELLED");
  await bar.getByRole("button", { name: "Apply" }).click();
  const confirm = page.getByRole("dialog", { name: "Cancel 2 requests?" });
  await expect(confirm).toContainText(`${two.number}, ${one.number}`);
  await expect(confirm).toContainText("cannot be reopened");
  await confirm.getByRole("button", { name: "Back" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("table", { name: "Requests" })).not.toContainText("Cancelled");
  await bar.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("dialog", { name: "Cancel 2 requests?" }).getByRole("button", { name: "Cancel 2 requests" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Moved 2 requests." })).toBeVisible();
  await queueSettled(page);
  await expect(page.getByRole("table", { name: "Requests" }).getByText("Cancelled")).toHaveCount(2);
});

test("bulk actions assign and set priority, keeping the selection", async ({ browser }) => {
  const team = unique("bulk_assign");
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, "alice@example.com");
  const one = await fileAsAlice(alice, unique("assign_one"), { ownerTeam: team });
  const two = await fileAsAlice(alice, unique("assign_two"), { ownerTeam: team });

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin@example.com", `/requests?requester=all&team=${team}`);
  await queueSettled(page);
  await page.getByRole("checkbox", { name: "Select all requests on this page" }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Assign selected to").selectOption({ label: "Omar Ops" });
  await expect(page.getByRole("alert").filter({ hasText: "Assigned 2 requests." })).toBeVisible();
  await expect(bar).toContainText("2 selected");
  await bar.getByLabel("Set priority of selected").selectOption("URGENT");
  await expect(page.getByRole("alert").filter({ hasText: "Set the priority of 2 requests." })).toBeVisible();
  for (const r of [one, two]) {
    const detail = await (await page.request.get(`/api/requests/${r.number}`)).json();
    expect(detail.assignee).toMatchObject({ name: "Omar Ops" });
    expect(detail.priority).toBe("URGENT");
  }
});

test("presets above the queue show live counts and set the URL's filters", async ({ page }) => {
  await signInAs(page, "admin@example.com");
  const presets = page.getByRole("navigation", { name: "Presets" });
  const counts = await (await page.request.get("/api/requests/counts")).json();
  for (const [label, id] of [
    ["Waiting on me", "waitingOnMe"],
    ["Unassigned", "unassigned"],
    ["Stale", "stale"],
    ["Mine", "mine"],
  ] as const) {
    await expect(presets.getByRole("link", { name: `${label} ${counts[id].toLocaleString("en-US")}` })).toBeVisible();
  }
  await presets.getByRole("link", { name: /^Stale/ }).click();
  await expect(page).toHaveURL(/stale=true/);
  await expect(presets.getByRole("link", { name: /^Stale/ })).toHaveAttribute("aria-current", "page");
  await queueSettled(page);
  await expect(page.getByLabel("Stale", { exact: true })).toHaveValue("true");
  await presets.getByRole("link", { name: /^Unassigned/ }).click();
  await expect(page).toHaveURL(/assignee=unassigned/);
  await expect(page).not.toHaveURL(/stale=true/);

  // A requester's "Waiting on me" is their requests in Needs info.
  const alice = await (await page.context().browser()!.newContext()).newPage();
  await signInAs(alice, "alice@example.com");
  await alice
    .getByRole("navigation", { name: "Presets" })
    .getByRole("link", { name: /^Waiting on me/ })
    .click();
  await expect(alice).toHaveURL(/requester=me/);
  await expect(alice).toHaveURL(/status=NEEDS_INFO/);
});

test("the queue sorts by time in status, longest waiting first", async ({ page }) => {
  await signInAs(page, "admin@example.com");
  await page.getByLabel("Sort", { exact: true }).selectOption("statusChangedAt:asc");
  await expect(page).toHaveURL(/sort=statusChangedAt&order=asc/);
  await queueSettled(page);
  const res = await page.request.get(
    "/api/requests?requester=all&status=SUBMITTED&status=IN_REVIEW&status=NEEDS_INFO&status=APPROVED&status=PROVISIONING&sort=statusChangedAt&order=asc",
  );
  const first = (await res.json()).items[0].number as string;
  await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toContainText(first);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });
  test("the filters fold behind one Filters button with a count, and the first rows show on the first screen", async ({ page }) => {
    await signInAs(page, "admin@example.com");
    const button = page.getByRole("button", { name: /^Filters/ });
    // The admin's default view filters by the open statuses.
    await expect(button).toHaveText("Filters (1)");
    await expect(page.getByRole("searchbox", { name: "Search" })).toBeHidden();
    await queueSettled(page);
    const firstRow = page.getByRole("table", { name: "Requests" }).locator("tbody tr").first();
    const box = await firstRow.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await page.getByLabel("Stale", { exact: true }).selectOption("true");
    await expect(page).toHaveURL(/stale=true/);
    await expect(button).toHaveText("Filters (2)");
  });
});
