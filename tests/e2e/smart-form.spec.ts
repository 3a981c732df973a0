// Issue #5, the form: a live capacity estimate, duplicate hints while typing, drafts
// that survive a reload, and a prompt before unsent work is left.
import { expect, test, type Page } from "@playwright/test";
import { requestBody, sameOrigin, signInAs } from "./helpers";

const spin = (page: Page, name: string) => page.getByRole("spinbutton", { name });

test("the capacity estimate follows the form as it is filled, and warns outside the limits", async ({ page }) => {
  await signInAs(page, "alice@example.com", "/requests/new");
  const panel = page.getByRole("region", { name: "Capacity estimate" });
  await expect(panel).toContainText("Fill in Estimated size (GB)");

  await spin(page, "Estimated size (GB)").fill("120");
  await page.getByRole("textbox", { name: "Estimated key count" }).fill("500,000,000");
  await spin(page, "Peak read QPS").fill("30000");
  await spin(page, "Peak write QPS").fill("1000");
  await spin(page, "p99 latency target (ms)").fill("10");
  await page.getByRole("checkbox", { name: "us-east-1" }).check();
  await page.getByRole("checkbox", { name: "eu-west-1" }).check();
  // 120 GB × 3 replicas × 2 regions; 3 shards of 50 GB; reads and writes per region.
  await expect(panel).toContainText("720 GB");
  await expect(panel).toContainText("120 GB × 3 replicas × 2 regions");
  await expect(panel).toContainText("30,000 reads/s");
  await expect(panel).toContainText("3,000 replica writes/s");
  await expect(panel).not.toContainText("Fill in");
  await expect(panel.getByRole("alert")).toHaveCount(0);

  await spin(page, "p99 latency target (ms)").fill("2");
  await spin(page, "Estimated size (GB)").fill("80000");
  await expect(panel).toContainText("below what the service can promise (5 ms)");
  await expect(panel).toContainText("over the service's 50 TB limit per dataset");
  // Each warning leads to its field.
  await panel.getByRole("link", { name: /below what the service can promise/ }).click();
  await expect(page).toHaveURL(/#field-p99LatencyMs$/);
});

test("shows possible duplicates while the name and source location are typed", async ({ page }) => {
  await signInAs(page, "bob@example.com");
  const name = `dup_${Date.now().toString(36)}_events`;
  const location = `s3://dup-check-${Date.now().toString(36)}/events/`;
  const res = await page.request.post("/api/requests", {
    data: requestBody(name, { ownerTeam: "search", ingestion: "BATCH", sourceLocation: location, updateFrequency: "DAILY" }),
    headers: sameOrigin(page),
  });
  expect(res.status()).toBe(201);
  const { number } = await res.json();

  await page.goto("/requests/new");
  const nameField = page.getByRole("textbox", { name: "Dataset name" });
  await nameField.fill(name);
  const nameHint = page.getByTestId("similar-name");
  await expect(nameHint).toContainText("already uses this name");
  await expect(nameHint.getByRole("link", { name: `${number} (opens in a new tab)` })).toHaveAttribute("href", `/requests/${number}`);

  await nameField.fill(`${name}_v2`);
  await expect(nameHint).toContainText("May duplicate a dataset with a similar name");
  await expect(nameHint).toContainText(name);

  await page.getByLabel("Ingestion").selectOption("BATCH");
  // The same place, spelled without the trailing slash.
  await page.getByRole("textbox", { name: "Source location" }).fill(location.replace(/\/$/, ""));
  const locationHint = page.getByTestId("similar-location");
  await expect(locationHint).toContainText("Another request already reads from this location");
  await expect(locationHint).toContainText(number);

  // The edit form does not flag its own request.
  const own = await page.request.get(`/api/requests/similar?name=${name}&exclude=${number}`);
  expect((await own.json()).items.some((i: { number: string }) => i.number === number)).toBe(false);
});

test("a draft survives a reload; leaving asks first; submitting clears it", async ({ page }) => {
  await signInAs(page, "alice@example.com", "/requests/new");
  const name = `draft_${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Dataset name" }).fill(name);
  await page.getByRole("textbox", { name: "Use case" }).fill("A draft that must survive a reload of the page.");

  // Reload: the browser asks (beforeunload); the draft comes back.
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.reload();
  expect(dialogs).toContain("beforeunload");
  await expect(page.getByText("Your unsent draft was restored.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Dataset name" })).toHaveValue(name);
  await expect(page.getByRole("textbox", { name: "Use case" })).toHaveValue("A draft that must survive a reload of the page.");

  // An in-app link asks in a dialog; Stay keeps the form.
  await page.getByRole("link", { name: "Requests", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Leave without sending?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Stay" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/\/requests\/new$/);

  // The Back button asks too.
  await page.goBack();
  await expect(dialog).toBeVisible();
  // (The open dialog hides the page from the accessibility tree, hence the id.)
  await expect(page.locator("#field-datasetName")).toHaveValue(name);
  await dialog.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(/\/requests\/new$/);

  // Leave: the queue, and the draft is still there when we come back.
  await page.getByRole("link", { name: "Requests", exact: true }).click();
  await dialog.getByRole("button", { name: "Leave" }).click();
  await expect(page).toHaveURL(/\/requests(\?.*)?$/);
  await page.getByRole("link", { name: "New request" }).click();
  await expect(page.getByRole("textbox", { name: "Dataset name" })).toHaveValue(name);

  // Submitting clears the draft.
  const body = requestBody(name);
  await page.getByLabel("Request type").selectOption(body.requestType);
  await page.getByLabel("Key format").selectOption(body.keyFormat);
  await page.getByLabel("Value format").selectOption(body.valueFormat);
  await page.getByLabel("Ingestion").selectOption(body.ingestion);
  await page.getByLabel("Update frequency").selectOption(body.updateFrequency);
  await spin(page, "Estimated size (GB)").fill("12");
  await page.getByRole("textbox", { name: "Estimated key count" }).fill("1000000");
  await spin(page, "Peak read QPS").fill("300");
  await spin(page, "Peak write QPS").fill("20");
  await spin(page, "p99 latency target (ms)").fill("15");
  await page.getByRole("checkbox", { name: "us-east-1" }).check();
  await page.getByLabel("Data classification").selectOption("INTERNAL");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/KV-\d+$/);
  const number = page.url().split("/").pop()!;
  await expect(page.getByRole("alert").filter({ hasText: `Request ${number} submitted` })).toBeVisible();
  await page.goto("/requests/new");
  await expect(page.getByRole("textbox", { name: "Dataset name" })).toHaveValue("");
  await expect(page.getByText("Your unsent draft was restored.")).toHaveCount(0);
});

test("the edit form asks before discarding changes", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  const res = await page.request.post("/api/requests", { data: requestBody(`edit_guard_${Date.now().toString(36)}`), headers: sameOrigin(page) });
  const { number } = await res.json();
  await page.goto(`/requests/${number}/edit`);
  await spin(page, "Peak read QPS").fill("999");
  await page.getByRole("link", { name: "Cancel" }).click();
  const dialog = page.getByRole("dialog", { name: "Discard your changes?" });
  await dialog.getByRole("button", { name: "Leave" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${number}$`));
  await expect(page.locator("dt", { hasText: /^Peak read QPS$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("300");
});

// Issue #20: zod and the request schemas load when the form is first used, not with the
// page (request-form-resolver.ts); a first submit then validates as it always did.
test("the form loads its validation when first used, then validates as before", async ({ page }) => {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/chunks/") && r.url().endsWith(".js")) scripts.push({ url: r.url(), body: r.text() });
  });
  const withZod = async () => (await Promise.all(scripts.map((s) => s.body))).filter((body) => body.includes("$ZodType")).length;
  await signInAs(page, "alice@example.com", "/requests/new");
  const name = page.getByRole("textbox", { name: "Dataset name" });
  await expect(name).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(scripts.length).toBeGreaterThan(0);
  expect(await withZod()).toBe(0);

  // Sent before anything else was touched: it waits for the chunk, then lists the
  // problems and takes focus to the list, as a form whose validation came with it did.
  await page.getByRole("button", { name: "Submit request" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "before submitting" });
  await expect(summary).toBeFocused();
  expect(await withZod()).toBeGreaterThan(0);
  await expect(name).toHaveAccessibleDescription(/Dataset name is required/);
});

test("the edit page fills the form from the server and loads no validation until used", async ({ page }) => {
  const scripts: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/chunks/") && r.url().endsWith(".js")) scripts.push(r.text());
  });
  await signInAs(page, "alice@example.com");
  const datasetName = `edit_lazy_${Date.now().toString(36)}`;
  const created = await page.request.post("/api/requests", { data: requestBody(datasetName, { readQps: 321 }), headers: sameOrigin(page) });
  expect(created.status()).toBe(201);
  const { number } = await created.json();

  await page.goto(`/requests/${number}/edit`);
  await expect(page.getByRole("textbox", { name: "Dataset name" })).toHaveValue(datasetName);
  await expect(page.getByRole("spinbutton", { name: /Peak read QPS/ })).toHaveValue("321");
  await page.waitForLoadState("networkidle");
  expect((await Promise.all(scripts)).filter((body) => body.includes("$ZodType"))).toHaveLength(0);
});
