import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test, TestInfo } from "@playwright/test";

/**
 * Zero serious or critical accessibility violations (WCAG 2.1 AA rules) on this page.
 *
 * axe-core runs as JavaScript inside the page, which a page with JavaScript disabled cannot
 * do. There, the same URL is scanned in a second page that runs scripts but never loads the
 * app's own JS and WASM: exactly the server-rendered HTML a no-JavaScript visitor gets.
 */
export async function expectAccessible(page: Page) {
  let target = page;
  let scratch: Page | undefined;
  if (!jsEnabled(test.info())) {
    const browser = page.context().browser()!;
    const context = await browser.newContext({
      javaScriptEnabled: true, // the test runner would otherwise copy the project's "off"
      viewport: page.viewportSize(),
    });
    await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    scratch = await context.newPage();
    await scratch.goto(page.url());
    target = scratch;
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  await scratch?.context().close();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`),
  ).toEqual([]);
}

/** With JavaScript on, waits until the WASM has hydrated the page. */
export async function waitForHydration(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name === "js") {
    // The header's menu button is only shown once the app runs in the browser.
    await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
  }
}

export const jsEnabled = (testInfo: TestInfo) => testInfo.project.name === "js";

/**
 * Fails a test when the page logs an error or throws: hydration mismatches and panics in
 * the WASM show up there. A 404 page asked for on purpose is logged as a failed resource,
 * which is expected.
 */
export function failOnConsoleErrors() {
  let consoleErrors: string[] = [];
  test.beforeEach(({ page }) => {
    consoleErrors = [];
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        consoleErrors.push(message.text());
      }
    });
  });
  test.afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });
}
