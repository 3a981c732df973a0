// Issue #17 in a real browser: the bell follows the inbox live, /inbox shows the note and
// clears the count, Watch subscribes anyone, and an @mention notifies and subscribes.
import { expect, newWatchedContext, test } from "./fixtures";
import { isSameDocument, markDocument, requestBody, sameOrigin, signInAs } from "./helpers";
import type { Page } from "@playwright/test";

const unread = async (page: Page) => (await (await page.request.get("/api/inbox?unread=true&limit=1")).json()).unreadCount as number;

test("the bell counts up live when an admin asks alice for info; /inbox shows the note; reading clears it", async ({ browser }) => {
  const alice = await (await newWatchedContext(browser)).newPage();
  await signInAs(alice, "alice@example.com");
  // Start from an empty inbox: other specs act on alice's requests too.
  await alice.request.post("/api/inbox/read", { data: { all: true }, headers: sameOrigin(alice) });
  const created = await alice.request.post("/api/requests", { data: requestBody(`notify_${Date.now().toString(36)}`), headers: sameOrigin(alice) });
  expect(created.status()).toBe(201);
  const request = await created.json();
  await alice.reload();
  const bell = alice.getByRole("link", { name: /^Inbox/ });
  await expect(bell).toHaveAccessibleName("Inbox");
  await markDocument(alice);

  const admin = await (await newWatchedContext(browser)).newPage();
  await signInAs(admin, "admin@example.com");
  let version = request.version as number;
  for (const [to, note] of [
    ["IN_REVIEW", null],
    ["NEEDS_INFO", "Which regions need a replica, and what read QPS at peak?"],
  ]) {
    const moved = await admin.request.post(`/api/requests/${request.number}/transitions`, { data: { to, note, version }, headers: sameOrigin(admin) });
    expect(moved.status()).toBe(200);
    version = (await moved.json()).version;
  }

  // Live, without a reload: the event stream tells the bell.
  await expect(bell).toHaveAccessibleName("Inbox, 2 unread", { timeout: 15_000 });
  await expect(alice.getByTestId("inbox-count")).toHaveText("2");
  expect(await isSameDocument(alice)).toBe(true);

  await bell.click();
  await expect(alice).toHaveURL(/\/inbox$/);
  const list = alice.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("listitem").first()).toContainText(`${request.number} ${request.datasetName}: Needs info`);
  await expect(list.getByRole("listitem").first()).toContainText("Which regions need a replica, and what read QPS at peak?");
  await list.getByRole("link", { name: new RegExp(`${request.number} .*: Needs info`) }).click();
  await expect(alice).toHaveURL(new RegExp(`/requests/${request.number}$`));
  await alice.goBack();
  await alice.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("Inbox");
  await expect(alice.getByText("All caught up")).toBeVisible();
  expect(await unread(alice)).toBe(0);
});

test("Watch subscribes anyone to a request; an @mention notifies and subscribes that person", async ({ browser }) => {
  const alice = await (await newWatchedContext(browser)).newPage();
  await signInAs(alice, "alice@example.com");
  const created = await alice.request.post("/api/requests", { data: requestBody(`watch_${Date.now().toString(36)}`), headers: sameOrigin(alice) });
  const request = await created.json();

  // bob watches alice's request from its page.
  const bob = await (await newWatchedContext(browser)).newPage();
  await signInAs(bob, "bob@example.com", `/requests/${request.number}`);
  await bob.getByRole("button", { name: "Watch", exact: true }).click();
  await expect(bob.getByRole("button", { name: "Unwatch" })).toHaveAttribute("aria-pressed", "true");
  await bob.request.post("/api/inbox/read", { data: { all: true }, headers: sameOrigin(bob) });

  // alice mentions ops (an admin) in a comment, through the page.
  await alice.goto(`/requests/${request.number}`);
  await alice.getByRole("textbox", { name: "Comment" }).fill("@ops could you size the shards for this?");
  await alice.getByRole("form", { name: "Add a comment" }).getByRole("button", { name: "Add comment" }).click();
  await expect(alice.getByRole("list", { name: "Status history" })).toContainText("@ops could you size the shards for this?");

  // bob (a watcher) hears of the comment; ops (mentioned) too, and now watches.
  await expect(async () => expect(await unread(bob)).toBe(1)).toPass({ timeout: 15_000 });
  await bob.goto("/inbox");
  await expect(bob.getByRole("list", { name: "Notifications" }).getByRole("listitem").first()).toContainText(
    `${request.number} ${request.datasetName}: Comment from Alice`,
  );

  const ops = await (await newWatchedContext(browser)).newPage();
  await signInAs(ops, "ops@example.com", "/inbox");
  await expect(ops.getByRole("list", { name: "Notifications" }).getByRole("listitem").first()).toContainText("@ops could you size the shards for this?", {
    timeout: 15_000,
  });
  await ops.goto(`/requests/${request.number}`);
  await expect(ops.getByRole("button", { name: "Unwatch" })).toBeVisible();
  // alice acted: nothing of it in her own inbox.
  expect((await (await alice.request.get("/api/inbox?limit=100")).json()).items.filter((n: { number: string }) => n.number === request.number)).toEqual([]);
});
