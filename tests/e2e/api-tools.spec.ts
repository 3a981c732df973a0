// Issue #4 in the browser: personal API tokens, export of the queue's view, bulk
// import with its report, and the API reference working with no internet.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { columnTexts, signInAs } from "./helpers";

test("create a token (shown once), see it used, revoke it", async ({ page, request }) => {
  await signInAs(page, "bob@example.com");
  await page.getByRole("button", { name: /, account menu$/ }).click();
  await page.getByRole("menuitem", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  const name = `e2e token ${Date.now()}`;
  await page.getByRole("textbox", { name: "Token name" }).fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy your new token" });
  await expect(dialog).toContainText("only time the token is shown");
  const token = await dialog.getByRole("textbox").inputValue();
  expect(token).toMatch(/^kvs_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "I have copied it" }).click();

  const row = page.getByRole("table", { name: "Your tokens" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).toContainText("Never");
  await expect(page.getByText(token)).toHaveCount(0);

  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe("bob@example.com");
  await page.reload();
  await expect(row).not.toContainText("Never");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toHaveCount(0);
  expect((await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("export the queue's current view as CSV and JSON", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/requests?requester=all&type=MIGRATION&sort=datasetName&order=asc");
  const firstName = (await columnTexts(page, "Dataset"))[0]!.trim();

  await page.getByRole("button", { name: "Export" }).click();
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: /CSV/ }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^kvstore-requests-.*\.csv$/);
  const lines = readFileSync((await csv.path())!, "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toMatch(/^number,datasetName,requestType,/);
  // Same filters and sort as the screen: migrations, by dataset name.
  expect(lines[1]).toContain(`,${firstName},MIGRATION,`);
  expect(lines.slice(1).every((l) => l.includes(",MIGRATION,"))).toBe(true);

  await page.getByRole("button", { name: "Export" }).click();
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: /JSON/ }).click()]);
  const rows = JSON.parse(readFileSync((await json.path())!, "utf8")) as { datasetName: string; requestType: string }[];
  expect(rows.length).toBe(lines.length - 1);
  expect(rows[0]!.datasetName).toBe(firstName);
});

test("import a CSV file: check it, read the report, import the valid rows", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/requests\/import$/);

  const stamp = Date.now().toString(36);
  const columns =
    "datasetName,requestType,sourceSystem,ownerTeam,contactEmail,useCase,keyFormat,valueFormat,ingestion,sourceLocation,updateFrequency,estimatedSizeGb,estimatedKeyCount,readQps,writeQps,p99LatencyMs,regions,dataClassification,backupsEnabled,backupRetentionDays";
  const row = (name: string, p99 = "20") =>
    `${name},MIGRATION,REDIS,payments,payments@example.com,"Sessions cache moving off Redis, read by user id.",STRING,JSON,BATCH,s3://payments/sessions/,DAILY,12.5,40000000,900,10,${p99},us-east-1;eu-west-1,INTERNAL,true,7`;
  const csv = [columns, row(`imp_a_${stamp}`), row(`imp_b_${stamp}`, "0"), row(`imp_c_${stamp}`), row(`imp_a_${stamp}`)].join("\n");

  await page.getByLabel("Import file").setInputFiles({ name: "migrations.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("migrations.csv")).toBeVisible();
  await page.getByRole("button", { name: "Check file" }).click();

  const summary = page.getByLabel("Summary");
  await expect(summary).toContainText("4 rows");
  await expect(summary).toContainText("1 valid");
  await expect(summary).toContainText("1 invalid");
  await expect(summary).toContainText("2 duplicates");
  const report = page.getByRole("table", { name: "Import report" });
  await expect(report.getByRole("row", { name: /imp_b_/ })).toContainText("p99LatencyMs");
  await expect(report.getByRole("row", { name: /^1 imp_a_/ })).toContainText("Also in row 4 of this file");
  await expect(page.getByRole("button", { name: /Import all 4 requests/ })).toBeDisabled();

  await page.getByRole("button", { name: "Import 1 valid, skip 3" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Imported 1 request" })).toBeVisible();
  await page.getByRole("link", { name: "See your requests in the queue" }).click();
  await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toContainText(`imp_c_${stamp}`);
});

test("the API reference renders from this server alone", async ({ page }) => {
  const elsewhere: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("http://localhost") && !r.url().startsWith("data:")) elsewhere.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /KVStore App API/ })).toBeVisible();
  await expect(page.locator(".opblock-summary-path", { hasText: "/api/requests/import" }).first()).toBeVisible();
  expect(elsewhere).toEqual([]);
});
