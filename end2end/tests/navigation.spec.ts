import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

// With JavaScript, moving between pages fetches the next page and swaps it in: the WASM is
// loaded once. When the app's files cannot load, every page still works as plain HTML.

test.describe("navigation", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(!jsEnabled(testInfo), "only with JavaScript is there anything to take over");
  });

  test.describe("client-side", () => {
    failOnConsoleErrors();

    test("links, filters and the back button stay on one page load", async ({ page }, testInfo) => {
      let wasmLoads = 0;
      page.on("request", (request) => {
        if (request.url().endsWith(".wasm")) wasmLoads += 1;
      });
      await page.goto("/");
      await waitForHydration(page, testInfo);
      await page.evaluate(() => ((window as any).__samePage = true));

      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Gebieden" }).click();
      await expect(page).toHaveURL(/\/gebieden$/);
      await expect(page.getByRole("heading", { level: 1, name: "Gebieden" })).toBeVisible();
      await expect(page).toHaveTitle("Gebieden · Kernpunt");
      // The new page's islands hydrate too: the filters follow a choice at once.
      await waitForHydration(page, testInfo);
      await page.getByLabel("Stadsdeel", { exact: true }).selectOption("Noord");
      await expect(page).toHaveURL(/\/gebieden\?stadsdeel=Noord$/);
      await expect(page.getByText("3 van 18 gebieden")).toBeVisible();

      await page.getByRole("link", { name: "Stadshart Noord" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Stadshart Noord" })).toBeVisible();
      await page.goBack();
      await expect(page).toHaveURL(/\/gebieden\?stadsdeel=Noord$/);
      await expect(page.getByText("3 van 18 gebieden")).toBeVisible();

      expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
      expect(wasmLoads).toBe(1);
    });

    test("after a deploy the next page loads in full, with the new files", async ({ page }, testInfo) => {
      await page.goto("/");
      await waitForHydration(page, testInfo);
      await page.evaluate(() => ((window as any).__samePage = true));
      // The next page names another module, as it would right after an update.
      await page.route("**/sessies", async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace(/(rel="modulepreload" href="[^"]*?)\.js"/, '$1.new.js"');
        await route.fulfill({ response, body: html });
      });
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Sessies" }).click();
      await expect(page).toHaveURL(/\/sessies$/);
      await expect(page.getByRole("heading", { level: 1, name: "Sessies" })).toBeVisible();
      expect(await page.evaluate(() => (window as any).__samePage)).toBeUndefined();
    });
  });

  test("when the app's files fail to load, a Dutch message and plain pages", async ({ page }) => {
    await page.route(/\/pkg\/.*\.wasm$/, (route) => route.abort());
    await page.goto("/gebieden");
    await expect(page.getByRole("status").filter({ hasText: "Een deel van deze pagina kon niet laden" })).toBeVisible();
    // The page is not frozen: the filter form and the links work as plain HTML.
    await page.getByLabel("Stadsdeel", { exact: true }).selectOption("Noord");
    await page.getByRole("button", { name: "Toon gebieden" }).click();
    await expect(page.getByText("3 van 18 gebieden")).toBeVisible();
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Kennisbank" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kennisbank" })).toBeVisible();
  });
});
