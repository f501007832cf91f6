import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

test("search the library, filter by a facet and open an item", async ({ page }, testInfo) => {
  await page.goto("/kennisbank");
  await waitForHydration(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Kennisbank" })).toBeVisible();
  await expectAccessible(page);

  const search = page.getByLabel("Zoek in de kennisbank");
  await search.fill("leegst");
  if (jsEnabled(testInfo)) {
    // Results follow the typing (debounced) and the box keeps its focus.
    await expect(page).toHaveURL(/q=leegst/);
    await expect(search).toBeFocused();
  } else {
    await search.press("Enter");
    await expect(page).toHaveURL(/q=leegst/);
  }
  await expect(page.getByText(/resultaten voor ‘leegst’/)).toBeVisible();
  await expect(page.locator(".hit mark").first()).toBeVisible();

  // A facet narrows the results and keeps the query.
  const facets = page.getByRole("navigation", { name: "Filters" });
  await facets.getByRole("link", { name: /^Instrument \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/q=leegst.*soort=instrument/);
  await expect(facets.getByRole("link", { name: /Instrument \(/ })).toHaveAttribute("aria-current", "true");
  await expectAccessible(page);

  const first = page.locator(".hit h3 a").first();
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Verwant" })).toBeVisible();
  await expectAccessible(page);
});

test("open a theme dossier and a learning path", async ({ page }, testInfo) => {
  await page.goto("/kennisbank");
  await waitForHydration(page, testInfo);
  await page.getByRole("region", { name: "Themadossiers" }).getByRole("link", { name: "Ondermijning" }).click();
  await expect(page).toHaveURL(/\/kennisbank\/thema\/undermining$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dossier: Ondermijning" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Begin hier" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/kennisbank/stuurwiel");
  await page.getByRole("link", { name: "Vastgoed en leegstand" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stuurwiel: Vastgoed en leegstand" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Leesvolgorde" })).toBeVisible();
  await expectAccessible(page);
});
