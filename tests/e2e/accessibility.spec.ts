// Issue #5, accessibility: axe finds no violations on any page, in the light and the
// dark theme (there, the rules that read colours) and at phone width; focus is always
// visible; the form and the queue work from the keyboard alone. Every page is also
// photographed in each variant into screenshots/ (git-ignored) for people to look at.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, requestBody, sameOrigin } from "./helpers";

type Variant = { name: string; colorScheme: "light" | "dark"; viewport: { width: number; height: number }; onlyRules?: string[] };
const VARIANTS: Variant[] = [
  { name: "light", colorScheme: "light", viewport: { width: 1280, height: 800 } },
  // The dark theme changes colours only: the same markup as light, at the same width, where
  // every rule runs. Here axe runs the rules that read colours (a third of its time).
  { name: "dark", colorScheme: "dark", viewport: { width: 1280, height: 800 }, onlyRules: ["color-contrast", "link-in-text-block"] },
  { name: "narrow", colorScheme: "light", viewport: { width: 375, height: 800 } },
];

type Fixture = { number: string; datasetName: string; liveDataset: string };
type PageCheck = { name: string; path: (f: Fixture) => string; ready: (page: Page) => Promise<void> };

const heading = (page: Page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible();
const PAGES: PageCheck[] = [
  {
    name: "queue",
    path: () => "/requests?requester=all",
    ready: async (page) => {
      await expect(page.getByRole("table", { name: "Requests" }).locator("tbody tr").first()).toBeVisible();
      await expect(page.getByRole("progressbar", { name: "Loading requests" })).toHaveCount(0);
    },
  },
  {
    name: "new-request",
    path: () => "/requests/new",
    ready: async (page) => {
      await expect(page.getByRole("button", { name: "Submit request" })).toBeVisible();
      // A name that has look-alikes, so the duplicate hint is on the page too.
      await page.getByRole("textbox", { name: "Dataset name" }).fill("payments_user_profiles");
      await expect(page.getByTestId("similar-name")).not.toBeEmpty();
    },
  },
  { name: "request", path: (f) => `/requests/${f.number}`, ready: async (page) => heading(page) },
  { name: "dataset", path: (f) => `/datasets/${f.datasetName}`, ready: async (page) => heading(page) },
  {
    name: "catalog",
    path: () => "/datasets",
    ready: async (page) => expect(page.getByRole("table", { name: "Datasets" }).locator("tbody tr").first()).toBeVisible(),
  },
  {
    name: "dataset-metadata",
    path: (f) => `/datasets/${f.liveDataset}`,
    ready: async (page) => expect(page.getByRole("region", { name: "History" })).toBeVisible(),
  },
  { name: "edit", path: (f) => `/requests/${f.number}/edit`, ready: async (page) => expect(page.getByRole("button", { name: "Save changes" })).toBeVisible() },
  {
    name: "insights",
    path: () => "/insights",
    ready: async (page) => {
      await heading(page);
      // Each chart is drawn when its card comes near the screen (lazy-charts.tsx).
      for (const card of await page.locator("section[aria-labelledby]").all()) await card.scrollIntoViewIfNeeded();
      await expect(page.locator(".MuiChartsSurface-root")).toHaveCount(5);
    },
  },
  { name: "import", path: () => "/requests/import", ready: async (page) => heading(page) },
  { name: "tokens", path: () => "/settings/tokens", ready: async (page) => heading(page) },
  { name: "inbox", path: () => "/inbox", ready: async (page) => heading(page) },
  { name: "notification-settings", path: () => "/settings/notifications", ready: async (page) => expect(page.getByRole("switch").first()).toBeVisible() },
  { name: "not-found", path: () => "/requests/KV-999999999", ready: async (page) => expect(page.getByRole("heading", { name: "Not found" })).toBeVisible() },
  { name: "no-route", path: () => "/nope", ready: async (page) => expect(page.getByRole("heading", { name: "Not found" })).toBeVisible() },
];

/** Fails with a readable list: rule, impact, and the elements it found. */
async function expectNoAxeViolations(page: Page, where: string, onlyRules?: string[]) {
  // label-content-name-mismatch (WCAG 2.5.3: a control's accessible name begins with its
  // visible text) is tagged experimental in axe, so no tag selects it: it is named here.
  const axe = onlyRules
    ? new AxeBuilder({ page }).withRules(onlyRules)
    : new AxeBuilder({ page })
        .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  const { violations } = await axe.analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(" | ")}`,
  );
  expect(report, `axe on ${where}`).toEqual([]);
}

async function shoot(page: Page, name: string, variant: Variant) {
  await page.screenshot({ path: `screenshots/${name}-${variant.name}.png`, fullPage: true, animations: "disabled" });
  if (variant.name === "narrow") {
    // Nothing on the page may be wider than the phone (tables scroll inside their box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(0);
  }
}

async function newContext(browser: Browser, variant: Variant) {
  return browser.newContext({ colorScheme: variant.colorScheme, viewport: variant.viewport, reducedMotion: "reduce" });
}

let fixture: Fixture;

test.beforeAll(async ({ browser }) => {
  // A request of Alice's that she may still edit.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "alice@example.com");
  const res = await page.request.post("/api/requests", { data: requestBody(`a11y_${Date.now().toString(36)}`, { readQps: 300 }), headers: sameOrigin(page) });
  expect(res.status()).toBe(201);
  // A seeded dataset with provisioned facts and links (the seed sets them on every third).
  const datasets = await (await page.request.get("/api/datasets?status=LIVE&sort=name&pageSize=3")).json();
  const withFacts = await Promise.all(datasets.items.map(async (d: { name: string }) => (await page.request.get(`/api/datasets/${d.name}`)).json()));
  fixture = { ...(await res.json()), liveDataset: (withFacts.find((d: { cluster: string | null }) => d.cluster) ?? withFacts[0]).name };
  await context.close();
});

async function signIn(page: Page, email: string) {
  const res = await page.request.post("/api/auth/sign-in/email", { data: { email, password: DEMO_PASSWORD }, headers: sameOrigin(page) });
  expect(res.status()).toBe(200);
}

for (const variant of VARIANTS) {
  test(`every page has no axe violations and is photographed: ${variant.name}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await newContext(browser, variant);
    const page = await context.newPage();

    await page.goto("/signin");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.locator("html")).toHaveClass(new RegExp(variant.colorScheme));
    await expectNoAxeViolations(page, `signin (${variant.name})`, variant.onlyRules);
    await shoot(page, "signin", variant);

    await signIn(page, "alice@example.com");
    for (const check of PAGES) {
      await page.goto(check.path(fixture));
      await check.ready(page);
      await expectNoAxeViolations(page, `${check.name} (${variant.name})`, variant.onlyRules);
      await shoot(page, check.name, variant);
    }

    // The admin's view of a request (assign, priority, workflow steps, checklist).
    await page.context().clearCookies();
    await signIn(page, "admin@example.com");
    await page.goto(`/requests/${fixture.number}`);
    await expect(page.getByRole("button", { name: "Start review" })).toBeVisible();
    await expectNoAxeViolations(page, `request as admin (${variant.name})`, variant.onlyRules);
    await shoot(page, "request-admin", variant);
    await page.goto("/requests");
    await PAGES[0]!.ready(page);
    await page.getByRole("checkbox", { name: "Select all requests on this page" }).check();
    await expect(page.getByRole("region", { name: "Bulk actions" })).toBeVisible();
    await expectNoAxeViolations(page, `queue as admin with a selection (${variant.name})`, variant.onlyRules);
    await shoot(page, "queue-admin", variant);
    // The admins' webhooks page, with one endpoint (nothing listens there; it is deleted after).
    const hook = await page.request.post("/api/webhooks", {
      data: { url: "http://127.0.0.1:9/a11y", events: ["request.created"], description: "accessibility check" },
      headers: sameOrigin(page),
    });
    expect(hook.status()).toBe(201);
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("table", { name: "Deliveries to accessibility check" })).toContainText("No deliveries yet");
    await expectNoAxeViolations(page, `webhooks (${variant.name})`, variant.onlyRules);
    await shoot(page, "webhooks", variant);
    expect((await page.request.delete(`/api/webhooks/${(await hook.json()).id}`, { headers: sameOrigin(page) })).status()).toBe(204);
    await context.close();
  });
}

test("dialogs, menus and toasts have no axe violations either", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto(`/requests/${fixture.number}`);
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "transition dialog");
  await page.getByRole("button", { name: "Back" }).click();

  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectNoAxeViolations(page, "theme menu");
  await page.keyboard.press("Escape");

  await page.getByRole("textbox", { name: "Comment" }).fill("Checking the toast.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Comment added" })).toBeVisible();
  await expectNoAxeViolations(page, "toast");

  await page.goto("/requests");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoAxeViolations(page, "keyboard help");
  await page.keyboard.press("Escape");

  // The queue's view menu (presets, saved views, Save view…), the save dialog, the people picker.
  await page.request.post("/api/views", { data: { name: "Axe's view", query: "requester=all&stale=true" }, headers: sameOrigin(page) });
  await page.getByRole("button", { name: "Views" }).click();
  await expect(page.getByRole("dialog", { name: "Views" }).getByRole("link", { name: "Axe's view" })).toBeVisible();
  await expectNoAxeViolations(page, "view menu");
  await page.getByRole("button", { name: /Save view…/ }).click();
  await expect(page.getByRole("dialog", { name: "Save view" })).toBeVisible();
  await expectNoAxeViolations(page, "save view dialog");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("textbox", { name: "Requester" }).click();
  await page.getByRole("combobox", { name: "Requester" }).fill("a");
  await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
  await expectNoAxeViolations(page, "requester picker");
});

/** What has focus, and whether a person can see that it has. */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const ring = (node: Element | null) => {
      if (!node) return false;
      const s = getComputedStyle(node);
      return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    };
    // Outlined text fields and selects (MUI's, and the queue's filters drawn the same way
    // with static CSS) show focus with their own border: the outline (a fieldset beside
    // the control) is drawn 2 px wide, 1 px otherwise. Read from the computed style, not
    // from a class, so a field whose focused look is lost fails. Charts draw the ring
    // around themselves ([data-focus-ring]).
    const outlined = (node: Element) => {
      const box = node.closest(".MuiInputBase-root") ?? node.parentElement;
      const outline = box?.querySelector(":scope > fieldset");
      if (!outline) return false;
      const s = getComputedStyle(outline);
      return s.borderTopStyle !== "none" && parseFloat(s.borderTopWidth) >= 2;
    };
    const visible = ring(el) || ring(el.closest(".MuiButtonBase-root")) || ring(el.closest("[data-focus-ring]")) || outlined(el);
    const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
    return { tag: el.tagName.toLowerCase(), name, visible };
  });
}

test("focus is visible on every stop, tabbing through the queue and the form", async ({ page }) => {
  await signIn(page, "admin@example.com");
  for (const path of ["/requests", "/requests/new", `/requests/${fixture.number}`, "/insights"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const invisible: string[] = [];
    let stops = 0;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const state = await focusState(page);
      if (!state) continue;
      stops += 1;
      if (!state.visible) invisible.push(`${state.tag} "${state.name}"`);
    }
    expect(stops, path).toBeGreaterThan(10);
    expect(invisible, `focus not visible on ${path}`).toEqual([]);
  }
});

test("a request can be written and submitted with the keyboard alone", async ({ page }) => {
  await signIn(page, "bob@example.com");
  await page.goto("/requests/new");
  await expect(page.getByRole("button", { name: "Submit request" })).toBeVisible();
  const name = `keyboard_${Date.now().toString(36)}`;

  /** Presses Tab until the field with this accessible name has focus. */
  async function tabTo(label: string) {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.labels?.[0]?.textContent?.replace(/\s*\*$/, "").trim() ?? el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
      });
      if (focused === label) return;
    }
    throw new Error(`Tab never reached ${label}`);
  }
  const type = async (label: string, text: string) => {
    await tabTo(label);
    await page.keyboard.type(text);
  };

  await type("Dataset name", name);
  await type("Request type", "New");
  await type("Use case", "Suggestions served by prefix to the search box.");
  await type("Key format", "String");
  await type("Value format", "JSON");
  await type("Ingestion", "Streaming");
  await type("Update frequency", "Real");
  await type("Estimated size (GB)", "8");
  await type("Estimated key count", "2000000");
  await type("Peak read QPS", "1500");
  await type("Peak write QPS", "40");
  await type("p99 latency target (ms)", "20");
  await tabTo("us-west-2");
  await page.keyboard.press("Space");
  await type("Data classification", "Internal");
  await tabTo("Submit request");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/requests\/KV-\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.locator("dt", { hasText: /^Regions$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("us-west-2");
});
