import AxeBuilder from "@axe-core/playwright";
import { expect, Page, TestInfo } from "@playwright/test";

/** Zero serious or critical accessibility violations (WCAG 2.1 AA rules) on this page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
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
