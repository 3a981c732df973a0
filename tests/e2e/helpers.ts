import { expect, test, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "kvstore-demo";

/** Signs in through the real form. */
export async function signInAs(page: Page, email: string, next = "/requests") {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, "\\?")}`));
}

/** A field by its label, the way a screen reader finds it. */
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: false }).first();

/** The cells of one queue column, found by its header (admins have a checkbox column first). */
export async function columnTexts(page: Page, header: string): Promise<string[]> {
  const table = page.getByRole("table", { name: "Requests" });
  const headers = await table.locator("thead th").allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  if (index < 0) throw new Error(`no column ${header}`);
  return table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
}

/** A valid request body for the API, with a unique dataset name. */
export function requestBody(datasetName: string, overrides: Record<string, unknown> = {}) {
  return {
    datasetName,
    requestType: "NEW",
    ownerTeam: "payments",
    contactEmail: "payments@example.com",
    useCase: "Balances by account id for the checkout service.",
    keyFormat: "STRING",
    valueFormat: "JSON",
    ingestion: "ONLINE_WRITES",
    updateFrequency: "REALTIME",
    estimatedSizeGb: 12,
    estimatedKeyCount: 1000000,
    readQps: 300,
    writeQps: 20,
    p99LatencyMs: 15,
    regions: ["us-east-1"],
    dataClassification: "INTERNAL",
    backupsEnabled: false,
    ...overrides,
  };
}

/** Marks the document; a full reload would lose the mark. */
export async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
export async function isSameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

/** Waits until the queue shows the answer to its current URL (no fetch in flight). */
export async function queueSettled(page: Page) {
  await expect(page.getByRole("progressbar", { name: "Loading requests" })).toHaveCount(0);
}

/** Headers a page of ours sends with a change: API calls from tests must look the same. */
export function sameOrigin(page: Page): Record<string, string> {
  // A page that has not loaded anything yet (about:blank) speaks for the app's own origin.
  const url = page.url().startsWith("http") ? page.url() : test.info().project.use.baseURL!;
  return { Origin: new URL(url).origin };
}

/**
 * The lines `text` takes inside an element as the browser laid it out: its characters
 * grouped by the top of their line boxes, so a test can see where a long name wraps.
 */
export async function textLines(element: Locator, text: string): Promise<string[]> {
  return element.evaluate((h, datasetName) => {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    const chars: { top: number; ch: string }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) chars.push({ top: Math.round(rect.top), ch: text[i]! });
      }
    }
    const rows = new Map<number, string>();
    for (const c of chars) rows.set(c.top, (rows.get(c.top) ?? "") + c.ch);
    const all = [...rows.values()].join("");
    const start = all.indexOf(datasetName);
    // The rows the name spans, as the reader sees them.
    let offset = 0;
    const nameRows: string[] = [];
    for (const row of rows.values()) {
      const from = Math.max(start, offset);
      const to = Math.min(start + datasetName.length, offset + row.length);
      if (to > from) nameRows.push(all.slice(from, to));
      offset += row.length;
    }
    return nameRows;
  }, text);
}

/** The storage team's question, through the API as tooling would ask it: review, then Needs info. Returns the new version. */
export async function askForInfo(admin: Page, number: string, version: number, question: string): Promise<number> {
  for (const to of ["IN_REVIEW", "NEEDS_INFO"]) {
    const moved = await admin.request.post(`/api/requests/${number}/transitions`, { data: { to, note: question, version }, headers: sameOrigin(admin) });
    expect(moved.status(), await moved.text()).toBe(200);
    ({ version } = await moved.json());
  }
  return version;
}
