import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

test("home → area list → area profile with indicators", async ({ page }, testInfo) => {
  await page.goto("/");
  await waitForHydration(page, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kernpunt");
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Gebieden" }).click();
  await expect(page).toHaveURL(/\/gebieden$/);
  await expect(page.getByRole("heading", { level: 1, name: "Gebieden" })).toBeVisible();
  await expect(page.getByText("18 gebieden")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Lindenplein" }).click();
  await expect(page).toHaveURL(/\/gebieden\/lindenplein$/);
  await expect(page.getByRole("heading", { level: 1, name: "Lindenplein" })).toBeVisible();
  const indicators = page.locator("table.indicator-table");
  await expect(indicators.getByRole("rowheader", { name: "Leegstand (verkooppunten)" })).toBeVisible();
  await expect(indicators.getByRole("rowheader", { name: "Passanten (zaterdag)" })).toBeVisible();
  await expect(indicators.locator("tr[data-indicator=vacancy_outlets] td").first()).toHaveText(/^\d+,\d%$/);
  await expect(page.getByRole("heading", { name: "Opgaves" })).toBeVisible();
  await expectAccessible(page);
});

test("search the area list", async ({ page }, testInfo) => {
  await page.goto("/gebieden");
  await waitForHydration(page, testInfo);
  const search = page.getByLabel("Zoek op naam of stadsdeel");
  await search.fill("haven");
  if (jsEnabled(testInfo)) {
    // Hydrated: the list follows the typing, without submitting the form.
    await expect(page.getByText("1 van 18 gebieden")).toBeVisible();
    await expect(page).toHaveURL(/\?q=haven$/);
    await expect(search).toBeFocused();
  } else {
    // Plain HTML: the GET form submits to the same page.
    await search.press("Enter");
    // A plain GET form also sends the empty filters.
    await expect(page).toHaveURL(/\?q=haven(&|$)/);
    await expect(page.getByText("1 van 18 gebieden")).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Havenstraat" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Lindenplein" })).toHaveCount(0);

  await page.goto("/gebieden?q=xyzzy");
  await expect(page.getByText("Geen gebieden gevonden")).toBeVisible();
  await expectAccessible(page);
});

test("unknown pages and areas say so in Dutch", async ({ page }) => {
  const missingArea = await page.goto("/gebieden/bestaat-niet");
  expect(missingArea?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Gebied niet gevonden" })).toBeVisible();
  await expectAccessible(page);

  const missingPage = await page.goto("/nergens");
  expect(missingPage?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  await expectAccessible(page);
});

test("static pages and placeholders are reachable and accessible", async ({ page }) => {
  for (const [path, heading] of [
    ["/privacy", "Privacyverklaring"],
    ["/toegankelijkheid", "Toegankelijkheidsverklaring"],
    ["/sessies", "Sessies"],
    ["/kennisbank", "Kennisbank"],
  ]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }
});

test("small screens: the menu folds away with JavaScript", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await waitForHydration(page, testInfo);
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  if (jsEnabled(testInfo)) {
    const toggle = page.getByRole("button", { name: "Menu" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Gebieden" })).toBeHidden();
    await toggle.click();
    await expect(page.getByRole("button", { name: "Sluit menu" })).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Gebieden" })).toBeVisible();
  } else {
    // Without JavaScript the menu simply stays open.
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(nav.getByRole("link", { name: "Gebieden" })).toBeVisible();
  }
  // Nothing scrolls sideways at 360 px.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/gebieden");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Direct naar de inhoud" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#inhoud$/);
});
