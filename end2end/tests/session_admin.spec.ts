import { expect, Page, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

async function login(page: Page) {
  await page.getByLabel("E-mailadres").fill("coordinator@voorbeeld.nl");
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
}

async function signUp(page: Page, slug: string, name: string, email: string, testInfo: Parameters<Parameters<typeof test>[1]>[1]) {
  await page.goto(`/sessies/${slug}`);
  await waitForHydration(page, testInfo);
  await page.getByLabel("Naam", { exact: true }).fill(name);
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByLabel("U bent", { exact: true }).selectOption({ label: "Vastgoed" });
  await page.getByLabel(/Ik geef toestemming/).check();
  await page.getByRole("button", { name: /^Aanmelden/ }).click();
  await expect(page).toHaveURL(/\/aanmelding\/[0-9a-f]{64}$/);
  return page.url();
}

test("a coordinator publishes a session; a cancellation promotes the first on the waiting list", async ({ page }, testInfo) => {
  // The two projects share one server: each makes its own session.
  const slug = `werkplaats-e2e-${testInfo.project.name}`;
  await page.goto("/sessies/nieuw");
  await waitForHydration(page, testInfo);
  await page.getByRole("link", { name: "Inloggen" }).last().click();
  await login(page);
  await expect(page).toHaveURL(/\/sessies\/nieuw$/);
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwe sessie" })).toBeVisible();
  await expectAccessible(page);

  // A mistake first: the message names the field and nothing typed is lost.
  await page.getByLabel("Titel").fill(`Werkplaats e2e ${testInfo.project.name}`);
  await page.getByLabel("Begint").fill("2099-05-01T19:30");
  await page.getByLabel("Eindigt").fill("2099-05-01T18:00");
  await page.getByLabel("Aantal plaatsen").fill("1");
  await page.getByLabel("Aanpak leegstand").check();
  await page.getByLabel("Webadres", { exact: true }).fill(slug);
  await page.getByLabel(/^Gepubliceerd/).check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("De sessie moet eindigen na het begin.")).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue(`Werkplaats e2e ${testInfo.project.name}`);

  await page.getByLabel("Eindigt").fill("2099-05-01T21:00");
  if (!jsEnabled(testInfo)) {
    // The form came back from the server's draft; the choices are kept there too.
    await expect(page.getByLabel("Aanpak leegstand")).toBeChecked();
  }
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`/sessies/${slug}/bewerken`));
  await expect(page.getByText("Opgeslagen.")).toBeVisible();
  await expectAccessible(page);

  // Two people sign up for one place (logged out, as they would be).
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" }).first()).toBeVisible();
  const first = await signUp(page, slug, "Anna Eerste", `anna-${testInfo.project.name}@voorbeeld.nl`, testInfo);
  await expect(page.getByText("U bent aangemeld.")).toBeVisible();
  const second = await signUp(page, slug, "Bram Tweede", `bram-${testInfo.project.name}@voorbeeld.nl`, testInfo);
  await expect(page.getByText("U staat op de wachtlijst, op plaats 1.")).toBeVisible();

  // The first cancels; the second gets the place.
  await page.goto(first);
  await waitForHydration(page, testInfo);
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByText("U bent afgemeld.")).toBeVisible();
  await page.goto(second);
  await expect(page.getByText("U bent aangemeld.")).toBeVisible();

  // The coordinator sees it in the attendee list.
  await page.goto(`/sessies/${slug}/deelnemers`);
  await waitForHydration(page, testInfo);
  await page.getByRole("link", { name: "Inloggen" }).last().click();
  await login(page);
  await expect(page).toHaveURL(new RegExp(`/sessies/${slug}/deelnemers$`));
  const placed = page.getByRole("table", { name: /Met een plek/ });
  await expect(placed).toContainText("Bram Tweede");
  await expect(page.getByRole("table", { name: "Afgemeld" })).toContainText("Anna Eerste");
  await expectAccessible(page);
});
