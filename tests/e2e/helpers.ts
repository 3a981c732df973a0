import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "kvstore-demo";

/** Signs in through the real form. */
export async function signInAs(page: Page, email: string, next = "/requests") {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, "\\?")}`));
}

/** A field by its label, the way a screen reader finds it. */
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: false }).first();
