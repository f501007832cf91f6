import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, readMail, waitForHydration } from "./helpers";

failOnConsoleErrors();

test("follow an area by mail, confirm by the link in the mail, unsubscribe", async ({ page }, testInfo) => {
  const email = `volger-${testInfo.project.name}@voorbeeld.nl`;
  await page.goto("/gebieden/lindenplein");
  await waitForHydration(page, testInfo);
  const box = page.locator("#volgen");
  await expect(box.getByRole("heading", { name: "Volg Lindenplein per mail" })).toBeVisible();

  // Without consent: the reason, and the address stays.
  await box.getByLabel("Uw e-mailadres").fill(email);
  await box.getByRole("button", { name: "Volgen" }).click();
  await expect(page.getByText("Geef toestemming om uw e-mailadres")).toBeVisible();
  const again = page.locator("#volgen");
  await expect(again.getByLabel("Uw e-mailadres")).toHaveValue(email);
  await again.getByLabel("Meteen als er iets nieuws is").check();
  await again.getByLabel(/Ik geef toestemming/).check();
  await again.getByRole("button", { name: "Volgen" }).click();
  await expect(page.getByText("Kijk in uw mail om te bevestigen")).toBeVisible();
  await expectAccessible(page);

  // The link in the mail shows a button; only that confirms.
  const mail = await readMail(email, "follow_confirm");
  const link = /\/volgen\/bevestigen\/[0-9a-f]{64}/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Bevestig: Lindenplein volgen" })).toBeVisible();
  await page.getByRole("button", { name: "Ja, ik wil dit volgen" }).click();
  await expect(page.getByText("Bevestigd: u volgt het nu.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Lindenplein/ })).toBeVisible();
  await expect(page.getByLabel("Hoe vaak voor Lindenplein")).toHaveValue("instant");
  await expectAccessible(page);

  // Unsubscribing from everything deletes the address; the link then no longer works.
  const manage = page.url().split("?")[0];
  await page.getByRole("button", { name: "Afmelden voor alles" }).click();
  await expect(page.getByText("U bent afgemeld.")).toBeVisible();
  const response = await page.goto(manage);
  expect(response?.status()).toBe(404);
});

test("ask for my sign-ups: the same answer for any address", async ({ page }, testInfo) => {
  await page.goto("/sessies");
  await waitForHydration(page, testInfo);
  const form = page.locator("section", { has: page.locator("#mijn-aanmeldingen-kop") });
  await form.getByLabel("Uw e-mailadres").fill(`onbekend-${testInfo.project.name}@voorbeeld.nl`);
  await form.getByRole("button", { name: "Stuur mij mijn aanmeldingen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn aanmeldingen" })).toBeVisible();
  await expect(page.getByText("Verstuurd, als er aanmeldingen bij dit adres horen.")).toBeVisible();
  await expectAccessible(page);
});
