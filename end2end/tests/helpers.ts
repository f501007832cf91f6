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

/** The decoded text body of an .eml file the server wrote (quoted-printable or base64). */
function mailText(eml: string): string {
  // A single-part mail: the headers, a blank line, the body.
  const part = eml.split(/\r?\n\r?\n/).slice(1).join("\n\n");
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(eml)?.[1]?.toLowerCase();
  if (encoding === "base64") {
    return Buffer.from(part.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("utf8");
  }
  if (encoding === "quoted-printable") {
    const bytes = part
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return part;
}

/**
 * Waits for the newest mail of `kind` (the outbox kind, in the file name) to `to` and
 * returns its text. The demo server writes mail as files (see playwright.config.ts).
 */
export async function readMail(to: string, kind: string): Promise<string> {
  const fs = await import("node:fs/promises");
  // Where playwright.config.ts tells the demo server to write its mail.
  const mailDir = `${process.cwd()}/test-results-mail`;
  let found = "";
  await expect
    .poll(
      async () => {
        const names = (await fs.readdir(mailDir).catch(() => [] as string[]))
          .filter((name) => name.endsWith(`-${kind}.eml`))
          .sort()
          .reverse();
        for (const name of names) {
          const eml = await fs.readFile(`${mailDir}/${name}`, "utf8");
          if (new RegExp(`^To: .*${to.replace(/[.@+]/g, "\\$&")}`, "im").test(eml)) {
            found = mailText(eml);
            return true;
          }
        }
        return false;
      },
      { timeout: 15_000, message: `a ${kind} mail to ${to}` },
    )
    .toBe(true);
  return found;
}
