// Issue #17's webhooks in a real browser against the production build: an admin
// registers an endpoint at /settings/webhooks pointing at a receiver this test runs on
// loopback (the server runs with WEBHOOK_ALLOW_PRIVATE=1), copies the secret shown once,
// approves a request, and the receiver gets the approval signed with that secret; the
// page lists the delivery with the receiver's status code.
import { expect, test } from "./fixtures";
import { requestBody, sameOrigin, signInAs } from "./helpers";
import { deduplicated, startReceiver } from "../helpers/receiver";
import { verifySignature } from "../../lib/webhooks/signature";

const RECEIVER_PORT = Number(process.env.E2E_PORT ?? 3210) + 11;

test("an admin registers a webhook, the secret is shown once, and an approval is delivered signed and listed", async ({ page }) => {
  const receiver = await startReceiver(RECEIVER_PORT, "/kvstore-hook");
  receiver.fallback = 202;
  try {
    await signInAs(page, "admin@example.com", "/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Add a webhook" });
    // The server's word on a URL it cannot use shows under the field.
    await form.getByLabel("Endpoint URL").fill("https://no-such-host.invalid/hook");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText("The host no-such-host.invalid does not resolve")).toBeVisible();

    await form.getByLabel("Endpoint URL").fill(receiver.url);
    await form.getByLabel("Description (optional)").fill("provisioning bot");
    await expect(form.getByRole("checkbox", { name: /request\.status_changed/ })).toBeChecked();
    await form.getByRole("button", { name: "Add webhook" }).click();

    const dialog = page.getByRole("dialog", { name: "Copy the webhook's secret" });
    const secret = await dialog.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await expect(dialog).toHaveCount(0);
    const section = page.getByRole("region", { name: "Webhook provisioning bot" });
    await expect(section).toContainText(receiver.url);
    // Shown once: neither the page nor the API has it after this.
    await page.reload();
    await expect(section).toContainText("No deliveries yet");
    expect(await page.content()).not.toContain(secret);
    expect(await (await page.request.get("/api/webhooks")).text()).not.toContain(secret);

    // A request is submitted, reviewed and approved on its page.
    const created = await page.request.post("/api/requests", { data: requestBody(`hooked_${Date.now().toString(36)}`), headers: sameOrigin(page) });
    expect(created.status()).toBe(201);
    const number = (await created.json()).number as string;
    await page.goto(`/requests/${number}`);
    await page.getByRole("button", { name: "Start review" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Start review" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();

    // The receiver gets both status changes, signed, the approval with the full request.
    await expect.poll(() => deduplicated(receiver.received).length, { timeout: 15_000 }).toBe(2);
    const approval = deduplicated(receiver.received).at(-1)!;
    expect(verifySignature(secret, approval.body, String(approval.headers["kvstore-signature"]))).toBe(true);
    const body = JSON.parse(approval.body);
    expect(approval.headers["kvstore-event"]).toBe("request.status_changed");
    expect(body).toMatchObject({ id: approval.headers["kvstore-delivery"], type: "request.status_changed", request: { number, status: "APPROVED" } });
    expect(body.request).toEqual(await (await page.request.get(`/api/requests/${number}`)).json());

    // The settings page lists the delivery with the receiver's answer.
    await page.goto("/settings/webhooks");
    const deliveries = section.getByRole("table", { name: "Deliveries to provisioning bot" });
    await expect(deliveries.locator("tbody tr")).toHaveCount(2);
    await expect(deliveries.locator("tbody tr").first()).toContainText(number);
    await expect(deliveries.locator("tbody tr").first()).toContainText("Delivered");
    await expect(deliveries.locator("tbody tr").first()).toContainText("HTTP 202");

    // Redelivered on request: the same delivery id again.
    await deliveries
      .getByRole("button", { name: `Redeliver request.status_changed of ${number}` })
      .first()
      .click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(3);
    expect(receiver.received[2]!.headers["kvstore-delivery"]).toBe(approval.headers["kvstore-delivery"]);
    expect(deduplicated(receiver.received)).toHaveLength(2);

    // Deleted, so later tests' changes are not sent to a receiver that is gone.
    await section.getByRole("button", { name: "Delete webhook provisioning bot" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete webhook" }).click();
    await expect(section).toHaveCount(0);
    await expect(page.getByText("No webhooks yet.")).toBeVisible();
  } finally {
    await receiver.close();
  }
});
