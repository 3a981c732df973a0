// Issue 16 in a real browser: an admin promotes and deactivates a person from
// /admin/people; the person's browser follows (admin actions after a reload, then
// refused and unable to sign in); the recent changes list both. And read-only tokens
// with a 30-day expiry on the tokens page.
import { expect, newWatchedContext, test } from "./fixtures";
import { DEMO_PASSWORD, requestBody, sameOrigin, signInAs } from "./helpers";

test("an admin promotes bob, then deactivates him; bob's browser follows and the changes are listed", async ({ browser }) => {
  const bobContext = await newWatchedContext(browser);
  const bob = await bobContext.newPage();
  await signInAs(bob, "bob@example.com");
  const created = await bob.request.post("/api/requests", { data: requestBody(`people_${Date.now().toString(36)}`), headers: sameOrigin(bob) });
  expect(created.status()).toBe(201);
  const number = (await created.json()).number as string;
  await bob.goto(`/requests/${number}`);
  await expect(bob.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(bob.getByRole("button", { name: "Start review" })).toHaveCount(0);

  const adminContext = await newWatchedContext(browser);
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@example.com");
  // The user menu leads admins to the page.
  await admin.getByRole("button", { name: /, account menu$/ }).click();
  await admin.getByRole("menuitem", { name: "People" }).click();
  await expect(admin).toHaveURL(/\/admin\/people$/);
  await admin.getByRole("searchbox", { name: "Search" }).fill("bob@");
  await expect(admin).toHaveURL(/q=bob%40/);
  const row = admin.locator('tr[data-person="bob@example.com"]');
  await expect(admin.getByRole("table", { name: "People" }).locator("tbody tr")).toHaveCount(1);
  await expect(row).toContainText("Requester");
  const bobName = ((await row.locator("td").first().innerText()).split("\n")[0] ?? "").trim();

  try {
    // Promote: bob sees admin actions after a reload.
    await row.getByRole("button", { name: /an admin$/ }).click();
    await expect(row).toContainText("Admin");
    await bob.reload();
    await expect(bob.getByRole("button", { name: "Start review" })).toBeVisible();

    // Deactivate, after a confirmation: bob's next call is refused, and he cannot sign in.
    await row.getByRole("button", { name: /^Deactivate/ }).click();
    const dialog = admin.getByRole("dialog");
    await expect(dialog).toContainText("signed out everywhere");
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Deactivated");

    expect((await bob.request.get("/api/me")).status()).toBe(401);
    await bob.reload();
    await expect(bob).toHaveURL(/\/signin/);
    await bob.getByLabel("Email").fill("bob@example.com");
    await bob.getByLabel("Password").fill(DEMO_PASSWORD);
    await bob.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(bob.getByRole("alert").filter({ hasText: "This account has been deactivated" })).toBeVisible();
    await expect(bob).toHaveURL(/\/signin/);
    const direct = await bob.request.post("/api/auth/sign-in/email", {
      data: { email: "bob@example.com", password: DEMO_PASSWORD },
      headers: sameOrigin(bob),
    });
    expect(direct.status()).toBe(403);
    expect((await direct.json()).error.message).toContain("deactivated");

    // Both changes are listed, newest first.
    const changes = admin.getByRole("list", { name: "Recent changes to people" });
    await expect(changes.getByRole("listitem").nth(0)).toContainText(`changed ${bobName}: active → deactivated`);
    await expect(changes.getByRole("listitem").nth(1)).toContainText(`changed ${bobName}: requester → admin`);
  } finally {
    // Leave bob as the seed made him, for the other specs.
    const users = await admin.request.get("/api/users?q=bob%40example.com");
    const id = ((await users.json()).items[0] as { id: string }).id;
    const restored = await admin.request.patch(`/api/users/${id}`, { data: { role: "REQUESTER", active: true }, headers: sameOrigin(admin) });
    expect(restored.status()).toBe(200);
  }
  await adminContext.close();
  await bobContext.close();
});

test("a requester cannot open the people page", async ({ page }) => {
  await signInAs(page, "alice@example.com");
  await page.goto("/admin/people");
  await expect(page.getByRole("table", { name: "People" })).toHaveCount(0);
  await expect(page.getByText(/not found/i).first()).toBeVisible();
});

test("the tokens page creates a read-only token that expires in 30 days and shows both", async ({ page }) => {
  await signInAs(page, "alice@example.com", "/settings/tokens");
  const name = `read-only ${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Token name" }).fill(name);
  await page.getByRole("combobox", { name: "Access" }).click();
  await page.getByRole("option", { name: "Read only" }).click();
  await page.getByRole("combobox", { name: "Expires" }).click();
  await page.getByRole("option", { name: "In 30 days" }).click();
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog");
  const token = await dialog.getByRole("textbox").inputValue();
  await dialog.getByRole("button", { name: "I have copied it" }).click();

  const row = page.getByRole("table", { name: "Your tokens" }).locator("tbody tr", { hasText: name });
  await expect(row).toContainText("Read only");
  const in30 = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const in29 = new Date(Date.now() + 29.9 * 86_400_000).toISOString().slice(0, 10);
  await expect(row).toContainText(new RegExp(`${in30}|${in29}`));

  // It reads, and it cannot write.
  const me = await page.request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me.json()).token).toMatchObject({ readOnly: true });
  const write = await page.request.post("/api/requests", { data: requestBody(`ro_${Date.now().toString(36)}`), headers: { Authorization: `Bearer ${token}` } });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.message).toContain("read-only");
});
