// The core path of issue #2, as a requester does it in a real browser.
import type { Page } from "@playwright/test";
import { expect, newWatchedContext, test } from "./fixtures";
import { askForInfo, columnTexts, DEMO_PASSWORD, isSameDocument, markDocument, queueSettled, requestBody, sameOrigin, signInAs } from "./helpers";

const byLabel = (page: Page, label: string) => page.getByRole("textbox", { name: label });

test("sign in, submit a request, see its page, and find it in the queue without a reload", async ({ page }) => {
  // 1. Signed out, the queue sends you to sign in; sign in as the demo requester.
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/signin\?next=%2Frequests/);
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("heading", { name: "Requests" })).toBeVisible();

  // A marker that survives client-side navigation but not a page load.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // 2. New request: every field of the spec, found by its label.
  await page.getByRole("link", { name: "New request" }).click();
  await expect(page).toHaveURL(/\/requests\/new$/);
  const datasetName = `e2e_${Date.now().toString(36)}`;
  await byLabel(page, "Dataset name").fill(datasetName);
  await page.getByLabel("Request type").selectOption("MIGRATION");
  await page.getByLabel("Source system").selectOption("HBASE");
  await byLabel(page, "Owner team").fill("payments");
  await byLabel(page, "Contact email").fill("payments-oncall@example.com");
  await byLabel(page, "Use case").fill("Serve ledger balances to the checkout service, read by account id.");
  await page.getByLabel("Key format").selectOption("STRING");
  await byLabel(page, "Example key").fill("account:12345");
  await page.getByLabel("Value format").selectOption("PROTOBUF");
  // Cross-field rule in the browser: Protobuf needs a schema name.
  await byLabel(page, "Value schema").focus();
  await byLabel(page, "Value schema").blur();
  await page.getByLabel("Ingestion").selectOption("BATCH");
  await byLabel(page, "Source location").fill("not a location");
  await byLabel(page, "Source location").blur();
  await expect(page.getByText("Use an s3://, gs:// or hdfs:// URI, or a warehouse table as db.table")).toBeVisible();
  await byLabel(page, "Source location").fill("s3://payments-exports/ledger/");
  await byLabel(page, "Value schema").fill("LedgerBalance");
  await page.getByLabel("Update frequency").selectOption("DAILY");
  await page.getByRole("spinbutton", { name: "Estimated size (GB)" }).fill("120.5");
  await byLabel(page, "Estimated key count").fill("5000000000");
  await page.getByRole("spinbutton", { name: "Peak read QPS" }).fill("20000");
  await page.getByRole("spinbutton", { name: "Peak write QPS" }).fill("150");
  await page.getByRole("spinbutton", { name: "p99 latency target (ms)" }).fill("10");
  await page.getByRole("spinbutton", { name: "TTL (days)" }).fill("365");
  await page.getByRole("checkbox", { name: "us-east-1" }).check();
  await page.getByRole("checkbox", { name: "eu-west-1" }).check();
  await page.getByLabel("Data classification").selectOption("CONFIDENTIAL");
  await page.getByRole("switch", { name: "Backups" }).check();
  // Cross-field rule: retention is required once backups are on.
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("form", { name: "Dataset request" }).getByRole("alert")).toContainText("Backup retention");
  await page.getByRole("spinbutton", { name: "Backup retention (days)" }).fill("30");
  const neededBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Needed by").fill(neededBy);
  await page.getByLabel("Priority").selectOption("HIGH");
  await page.getByRole("button", { name: "Submit request" }).click();

  // 3. The dataset page: every field, status, requester, times, history.
  await expect(page).toHaveURL(/\/requests\/KV-\d+$/);
  const number = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(datasetName);
  const expected: [string, string][] = [
    ["Request type", "Migration"],
    ["Source system", "HBase"],
    ["Owner team", "payments"],
    ["Contact email", "payments-oncall@example.com"],
    ["Use case", "Serve ledger balances"],
    ["Key format", "String"],
    ["Example key", "account:12345"],
    ["Value format", "Protobuf"],
    ["Value schema", "LedgerBalance"],
    ["Ingestion", "Batch upload"],
    ["Source location", "s3://payments-exports/ledger/"],
    ["Update frequency", "Daily"],
    ["Estimated size (GB)", "120.5 GB"],
    ["Estimated key count", "5,000,000,000"],
    ["Peak read QPS", "20,000"],
    ["Peak write QPS", "150"],
    ["p99 latency target (ms)", "10 ms"],
    ["TTL (days)", "365 days"],
    ["Regions", "us-east-1, eu-west-1"],
    ["Data classification", "Confidential"],
    ["Backups", "On, kept 30 days"],
    ["Priority", "High"],
  ];
  for (const [label, value] of expected) {
    const term = page.locator("dt", { hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`) });
    await expect(term.locator("xpath=following-sibling::dd[1]")).toContainText(value);
  }
  await expect(page.getByText("Submitted", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Alice Chen").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Status history" })).toContainText("Alice Chen submitted the request");

  // 4. Back to the queue through the app's navigation: the new request is there, no reload.
  await page.getByRole("link", { name: "Requests", exact: true }).click();
  await expect(page).toHaveURL(/\/requests(\?.*)?$/);
  const firstRow = page.getByRole("table", { name: "Requests" }).locator("tbody tr").first();
  await expect(firstRow).toContainText(number);
  await expect(firstRow).toContainText(datasetName);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The same page answers by dataset name.
  await page.goto(`/datasets/${datasetName}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
});

test("every column sorts on the server, both ways, with aria-sort and the view in the URL", async ({ page }) => {
  await signInAs(page, "admin@example.com");
  // Admins start on all requests that are still open.
  await expect(page.getByRole("button", { name: "All requests" })).toHaveAttribute("aria-pressed", "true");
  const table = page.getByRole("table", { name: "Requests" });
  const columns: [string, string][] = [
    ["Request", "number"],
    ["Dataset", "datasetName"],
    ["Type", "requestType"],
    ["Team", "ownerTeam"],
    ["Status", "status"],
    ["Priority", "priority"],
    ["Assignee", "assignee"],
    ["Requested", "createdAt"],
    ["Updated", "updatedAt"],
  ];
  // The URL leaves out defaults (sort=number, order=desc).
  const sortInUrl = () => {
    const params = new URL(page.url()).searchParams;
    return `${params.get("sort") ?? "number"} ${params.get("order") ?? "desc"}`;
  };
  for (const [label, field] of columns) {
    const header = table.getByRole("columnheader", { name: label, exact: true });
    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    await expect.poll(sortInUrl).toBe(`${field} asc`);
    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    await expect.poll(sortInUrl).toBe(`${field} desc`);
  }

  // The sort really happened on the server: dataset names come back in order.
  await table.getByRole("columnheader", { name: "Dataset", exact: true }).getByRole("button").click();
  await expect(table.getByRole("columnheader", { name: "Dataset", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await queueSettled(page);
  const names = await columnTexts(page, "Dataset");
  expect(names.length).toBeGreaterThan(5);
  expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);

  // The view survives a reload and the back button.
  const sortedUrl = page.url();
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Dataset", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await page.goBack();
  await expect(table.getByRole("columnheader", { name: "Updated", exact: true })).toHaveAttribute("aria-sort", "descending");
  await page.goForward();
  expect(page.url()).toBe(sortedUrl);
});

test("filters by status, type, team and free text, on the server and in the URL", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  // Requesters start on their own requests.
  await expect(page.getByRole("button", { name: "My requests" })).toHaveAttribute("aria-pressed", "true");
  const rows = page.getByRole("table", { name: "Requests" }).locator("tbody tr");
  await page.getByRole("button", { name: "All requests" }).click();
  await expect(page).toHaveURL(/requester=all/);

  await page.getByLabel("Type").selectOption("MIGRATION");
  await expect(page).toHaveURL(/type=MIGRATION/);
  await queueSettled(page);
  for (const text of await columnTexts(page, "Type")) expect(text).toMatch(/^Migration/);

  await page.getByRole("textbox", { name: "Team" }).fill("search");
  await expect(page).toHaveURL(/team=search/);
  await queueSettled(page);
  for (const text of await columnTexts(page, "Team")) expect(text).toBe("search");

  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Completed" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/status=COMPLETED/);
  await expect(rows.first()).toContainText("Completed");

  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill("KV-1");
  await expect(page).toHaveURL(/q=KV-1/);
  await expect(rows.first()).toContainText("KV-1");
});

test("a request submitted elsewhere appears in an open queue within seconds", async ({ page, browser }) => {
  await signInAs(page, "admin@example.com");
  await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toBeVisible();

  const other = await newWatchedContext(browser);
  const bobPage = await other.newPage();
  await signInAs(bobPage, "bob@example.com");
  const datasetName = `live_${Date.now().toString(36)}`;
  const res = await bobPage.request.post("/api/requests", {
    headers: sameOrigin(bobPage),
    data: {
      datasetName,
      requestType: "NEW",
      ownerTeam: "search",
      contactEmail: "bob@example.com",
      useCase: "A lookup table for query suggestions by prefix.",
      keyFormat: "STRING",
      valueFormat: "JSON",
      ingestion: "ONLINE_WRITES",
      updateFrequency: "REALTIME",
      estimatedSizeGb: 5,
      estimatedKeyCount: 1000000,
      readQps: 100,
      writeQps: 10,
      p99LatencyMs: 20,
      regions: ["us-west-2"],
      dataClassification: "INTERNAL",
      backupsEnabled: false,
    },
  });
  expect(res.status()).toBe(201);
  await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toContainText(datasetName, { timeout: 15_000 });
  await other.close();
});

test("an open request page shows another person's comment and move without a reload", async ({ page, browser }) => {
  // The page is rendered on the server; a change reaches it as the event stream's
  // announcement and a fresh render of the page (components/requests/request-refresh.tsx).
  await signInAs(page, "alice@example.com");
  const created = await page.request.post("/api/requests", { data: requestBody(`live_page_${Date.now().toString(36)}`), headers: sameOrigin(page) });
  expect(created.status()).toBe(201);
  const { number, version } = await created.json();
  await page.goto(`/requests/${number}`);
  const activity = page.getByRole("region", { name: "Activity" });
  await expect(activity).toContainText("submitted the request");
  await markDocument(page);

  const other = await newWatchedContext(browser);
  const admin = await other.newPage();
  await signInAs(admin, "admin@example.com");
  const comment = `Looking at the key layout now (${Date.now().toString(36)}).`;
  const commented = await admin.request.post(`/api/requests/${number}/comments`, { data: { body: comment }, headers: sameOrigin(admin) });
  expect(commented.status()).toBe(201);
  const moved = await admin.request.post(`/api/requests/${number}/transitions`, { data: { to: "IN_REVIEW", note: null, version }, headers: sameOrigin(admin) });
  expect(moved.status(), await moved.text()).toBe(200);

  await expect(activity).toContainText(comment, { timeout: 15_000 });
  await expect(activity).toContainText("moved it from Submitted to In review", { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("In review");
  expect(await isSameDocument(page)).toBe(true);
  await other.close();
});

test("a busy request's page shows its latest 20 entries, the rest one click away", async ({ page, browser }) => {
  // Issue #20: a request with 100 entries drew them all on every render. The storage
  // team's question is among the hidden older entries: its banner still shows.
  await signInAs(page, "alice@example.com");
  const datasetName = `busy_page_${Date.now().toString(36)}`;
  const created = await page.request.post("/api/requests", { data: requestBody(datasetName), headers: sameOrigin(page) });
  expect(created.status()).toBe(201);
  const { number, version } = await created.json();
  const other = await newWatchedContext(browser);
  const admin = await other.newPage();
  await signInAs(admin, "admin@example.com");
  const question = "Which regions read these keys?";
  await askForInfo(admin, number, version, question);
  await other.close();
  for (let i = 1; i <= 24; i++) {
    const commented = await page.request.post(`/api/requests/${number}/comments`, { data: { body: `Note ${i} of 24` }, headers: sameOrigin(page) });
    expect(commented.status()).toBe(201);
  }

  // 27 entries: submitted, two moves, 24 comments; the latest 20 are comments 5–24.
  await page.goto(`/requests/${number}`);
  const history = page.getByRole("list", { name: "Status history" });
  await expect(history.getByRole("listitem")).toHaveCount(20);
  await expect(history.getByRole("listitem").first()).toContainText("Note 5 of 24");
  await expect(history).not.toContainText("submitted the request");
  await expect(page.getByRole("region", { name: "The storage team asked you" })).toContainText(question);
  await expect(page.getByRole("link", { name: "Reply and resubmit" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Actions" }).getByRole("button", { name: "Resubmit" })).toHaveCount(0);

  await markDocument(page);
  await page.getByRole("link", { name: "Show 7 earlier entries" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${number}\\?activity=all#activity$`));
  await expect(history.getByRole("listitem")).toHaveCount(27);
  await expect(history.getByRole("listitem").first()).toContainText("Alice Chen submitted the request");
  await expect(history).toContainText(`“${question}”`);
  await expect(page.getByRole("link", { name: /earlier entr/ })).toHaveCount(0);
  expect(await isSameDocument(page)).toBe(true);

  // The dataset's page of an unfinished request is the same page, at its own address.
  await page.goto(`/datasets/${datasetName}`);
  await page.getByRole("link", { name: "Show 7 earlier entries" }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${datasetName}\\?activity=all#activity$`));
  await expect(history.getByRole("listitem")).toHaveCount(27);
});
