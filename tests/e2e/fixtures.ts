// Every browser test fails if the page breaks its Content-Security-Policy: the app must
// really work under the policy it sends.
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

const violations = new WeakMap<BrowserContext, string[]>();

/** Collects CSP violations reported in any page of the context. */
export function watchCsp(context: BrowserContext): BrowserContext {
  const found: string[] = [];
  violations.set(context, found);
  context.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) found.push(message.text());
  });
  return context;
}

export async function newWatchedContext(browser: Browser): Promise<BrowserContext> {
  return watchCsp(await browser.newContext());
}

export function cspViolationsOf(context: BrowserContext): string[] {
  return violations.get(context) ?? [];
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context }, use) => {
      watchCsp(context);
      await use();
      expect(cspViolationsOf(context), "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
