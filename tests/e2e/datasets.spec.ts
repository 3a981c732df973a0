// Issue #14 in the browser: alice's NEW request completes and its dataset appears in the
// catalog; she requests a change from the dataset's page (the form starts from its
// metadata); an admin completes it; the dataset page shows the new value with its
// history line; the storage team's tooling sets the endpoint with a token.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { field, requestBody, sameOrigin, signInAs } from "./helpers";

/** An admin's API calls: these steps of the workflow, each with the version it read. */
async function walk(api: APIRequestContext, page: Page, number: string, steps: string[]) {
  let { version } = (await (await api.get(`/api/requests/${number}`)).json()) as { version: number };
  for (const to of steps) {
    const res = await api.post(`/api/requests/${number}/transitions`, { data: { to, version }, headers: sameOrigin(page) });
    expect(res.status(), `${number} → ${to}`).toBe(200);
    ({ version } = await res.json());
  }
}

test("a dataset from request to catalog, changed through the workflow, with provisioned facts from tooling", async ({ page, browser }) => {
  const name = `ds_${Date.now().toString(36)}`;
  await signInAs(page, "alice@example.com");
  const created = await page.request.post("/api/requests", { data: requestBody(name, { readQps: 300 }), headers: sameOrigin(page) });
  expect(created.status()).toBe(201);
  const origin = (await created.json()).number as string;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@example.com");
  await walk(admin.request, admin, origin, ["IN_REVIEW", "APPROVED", "PROVISIONING", "COMPLETED"]);

  // The dataset is in the catalog.
  await page.getByRole("link", { name: "Datasets", exact: true }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await page.getByRole("searchbox", { name: "Search" }).fill(name);
  await expect(page).toHaveURL(new RegExp(`q=${name}`));
  const row = page.getByRole("table", { name: "Datasets" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Live");
  await expect(row).toContainText("payments");
  await row.getByRole("link", { name }).click();

  // Its page: metadata, and the request it came from.
  await expect(page).toHaveURL(new RegExp(`/datasets/${name}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("region", { name: "Traffic and storage" })).toContainText("300");
  await expect(page.getByRole("region", { name: "Requests" })).toContainText(origin);

  // Request a change: the form holds the dataset's metadata; only the read QPS differs.
  await page.getByRole("link", { name: "Request a change" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Change ${name}`);
  await expect(field(page, "Owner team")).toHaveValue("payments");
  await field(page, "Peak read QPS").fill("1500");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/KV-\d+$/);
  const change = /KV-\d+/.exec(page.url())![0];
  const panel = page.getByRole("region", { name: "Its dataset" });
  await expect(panel.getByRole("link", { name })).toBeVisible();
  await expect(panel).toContainText("What this change does");
  await expect(panel.getByRole("listitem")).toHaveText(["Peak read QPS: 300 → 1500"]);

  // An admin completes it on its page.
  await walk(admin.request, admin, change, ["IN_REVIEW", "APPROVED", "PROVISIONING"]);
  await admin.goto(`/requests/${change}`);
  await admin.getByRole("button", { name: "Mark completed" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Mark completed" }).click();
  await expect(admin.getByRole("heading", { level: 1 }).locator("..")).toContainText("Completed");

  // The dataset page shows the new value and the history line.
  await page.goto(`/datasets/${name}`);
  await expect(page.getByRole("region", { name: "Traffic and storage" })).toContainText("1,500");
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem").first()).toContainText("Peak read QPS: 300 → 1500");
  await expect(history.getByRole("listitem").first()).toContainText(change);

  // Tooling sets the endpoint with an admin's token.
  const tokenRes = await admin.request.post("/api/tokens", { data: { name: `provisioner ${name}` }, headers: sameOrigin(admin) });
  expect(tokenRes.status()).toBe(201);
  const { token } = (await tokenRes.json()) as { token: string };
  const patched = await page.request.fetch(`/api/datasets/${name}`, {
    method: "PATCH",
    data: { endpoint: "kv-use1-3.kv.internal:7000", cluster: "kv-use1-3" },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(patched.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("region", { name: "Provisioned facts" })).toContainText("kv-use1-3.kv.internal:7000");
  await expect(history.getByRole("listitem").first()).toContainText("Endpoint");

  // An admin edits a fact in the dialog (its code loads on the first click), which starts
  // from the stored values each time it opens.
  await admin.goto(`/datasets/${name}`);
  const edit = admin.getByRole("button", { name: "Edit facts and links" });
  const dialog = admin.getByRole("dialog", { name: "Provisioned facts and links" });
  await edit.click();
  await expect(dialog.getByLabel("Cluster", { exact: true })).toHaveValue("kv-use1-3");
  await dialog.getByLabel("Cluster", { exact: true }).fill("kv-use1-4");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.getByRole("region", { name: "Provisioned facts" })).toContainText("kv-use1-4");
  await edit.click();
  await expect(dialog.getByLabel("Cluster", { exact: true })).toHaveValue("kv-use1-4");
  await dialog.getByLabel("Cluster", { exact: true }).fill("typed, then cancelled");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await edit.click();
  await expect(dialog.getByLabel("Cluster", { exact: true })).toHaveValue("kv-use1-4");
  await adminContext.close();
});

test("a name that was never a dataset shows its request; a decommissioned dataset keeps its page", async ({ page }) => {
  await signInAs(page, "bob@example.com");
  const name = `only_req_${Date.now().toString(36)}`;
  const created = await page.request.post("/api/requests", { data: requestBody(name), headers: sameOrigin(page) });
  const number = (await created.json()).number as string;
  await page.goto(`/datasets/${name}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);

  await page.goto("/datasets?status=DECOMMISSIONED");
  const row = page.getByRole("table", { name: "Datasets" }).locator("tbody tr").first();
  await expect(row).toContainText("Decommissioned");
  await row.getByRole("link").click();
  await expect(page.getByText(/Decommissioned on .*Its name is free/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Request a change" })).toHaveCount(0);
});
