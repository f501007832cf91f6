import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

test("sign up for a session, see the personal page, download the calendar file, cancel", async ({ page }, testInfo) => {
  await page.goto("/sessies");
  await waitForHydration(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Sessies" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Werkplaats: het verhaal van je gebied" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Werkplaats: het verhaal van je gebied" })).toBeVisible();
  await expectAccessible(page);

  // Without consent: a clear message, and what was typed stays.
  const email = `e2e-${testInfo.project.name}@voorbeeld.nl`;
  await page.getByLabel("Naam", { exact: true }).fill("Eva Tester");
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByLabel("U bent", { exact: true }).selectOption({ label: "Straatmanager" });
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByText("Geef toestemming voor het bewaren van uw gegevens")).toBeVisible();
  await expect(page.getByLabel("E-mailadres", { exact: true })).toHaveValue(email);

  await page.getByLabel(/Ik geef toestemming/).check();
  if (!jsEnabled(testInfo)) {
    // The page came back from the server: the role is filled in again from the draft.
    await page.getByLabel("U bent", { exact: true }).selectOption({ label: "Straatmanager" });
  }
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/aanmelding\/[0-9a-f]{64}$/);
  await expect(page.getByText("U bent aangemeld.")).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Zet in uw agenda (.ics)" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.ics$/);

  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByText("U bent afgemeld.")).toBeVisible();
});
