import { expect, Page, test } from "@playwright/test";
import { expectAccessible, jsEnabled, waitForHydration } from "./helpers";

// The two projects run in parallel on one server: each edits its own area.
const areaFor = (project: string) =>
  project === "js" ? { slug: "havenstraat", name: "Havenstraat" } : { slug: "parkhof", name: "Parkhof" };

async function login(page: Page, email: string) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
}

// Split in two journeys so that each stays well inside the timeout on a slow machine.
test("a coordinator logs in from the edit page, a mistake keeps what was typed, and the story is saved", async ({ page }, testInfo) => {
  const area = areaFor(testInfo.project.name);

  // Not logged in: the edit page asks to log in, and comes back after.
  await page.goto(`/gebieden/${area.slug}/bewerken`);
  await waitForHydration(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen nodig" })).toBeVisible();
  await page.getByRole("link", { name: "Inloggen" }).last().click();
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);

  await login(page, "wrong@voorbeeld.nl");
  await expect(page.getByRole("alert")).toContainText("E-mailadres of wachtwoord onjuist.");
  await login(page, "coordinator@voorbeeld.nl");
  await expect(page).toHaveURL(new RegExp(`/gebieden/${area.slug}/bewerken$`));
  await expect(page.getByRole("heading", { level: 1, name: `${area.name} bewerken` })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText("Chris de Coördinator");
  await expectAccessible(page);

  // A validation error keeps what was typed.
  const story = page.getByLabel("Het verhaal", { exact: true });
  await story.fill("   ");
  await page.getByLabel("Ambitie", { exact: true }).fill("Mijn ambitie blijft staan");
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(page.getByText("Vertel het verhaal van het gebied; dit veld mag niet leeg zijn.")).toBeVisible();
  await expect(page.getByLabel("Het verhaal", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Ambitie", { exact: true })).toHaveValue("Mijn ambitie blijft staan");

  // Preview, then save.
  await page.getByLabel("Het verhaal", { exact: true }).fill("Een **nieuw** begin voor de straat.");
  await page.getByRole("button", { name: "Voorbeeld", exact: true }).click();
  await expect(page.locator(".preview strong")).toHaveText("nieuw");
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/gebieden/${area.slug}$`));
  await expect(page.locator(".rich-text strong")).toHaveText("nieuw");
});

test("a coordinator restores an earlier version of a story and logs out", async ({ page }, testInfo) => {
  // Other areas than the journey above, which runs at the same time.
  const area = jsEnabled(testInfo)
    ? { slug: "kastanjelaan", name: "Kastanjelaan" }
    : { slug: "molenstraat", name: "Molenstraat" };
  await page.goto(`/inloggen?volgende=/gebieden/${area.slug}/bewerken`);
  await waitForHydration(page, testInfo);
  await login(page, "coordinator@voorbeeld.nl");
  await expect(page.getByRole("heading", { level: 1, name: `${area.name} bewerken` })).toBeVisible();
  const original = await page.getByLabel("Het verhaal", { exact: true }).inputValue();
  await page.getByLabel("Het verhaal", { exact: true }).fill("Een tijdelijk verhaal.");
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/gebieden/${area.slug}$`));

  // History shows both versions; restoring the first brings the original back.
  await page.goto(`/gebieden/${area.slug}/geschiedenis`);
  await waitForHydration(page, testInfo);
  await expect(page.getByRole("heading", { name: /^Versie 2/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Versie 1/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Versie 1 terugzetten" }).click();
  await expect(page.getByRole("heading", { name: /^Versie 3/ })).toBeVisible();
  await page.goto(`/gebieden/${area.slug}`);
  await expect(page.locator(".rich-text")).toContainText(original.split("\n")[0].slice(0, 40));

  // Log out: the header offers to log in again.
  await waitForHydration(page, testInfo);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
  if (jsEnabled(testInfo)) {
    await expect(page).toHaveURL(/\/$/);
  }
  await page.goto(`/gebieden/${area.slug}/bewerken`);
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen nodig" })).toBeVisible();
});

test("an area editor adds an opgave, a measurement and an assessment", async ({ page }, testInfo) => {
  // The demo area editor edits Lindenplein; the projects use different periods and dates.
  const js = jsEnabled(testInfo);
  await page.goto("/inloggen?volgende=/gebieden/lindenplein/bewerken");
  await waitForHydration(page, testInfo);
  await login(page, "redacteur@voorbeeld.nl");
  await expect(page.getByRole("heading", { level: 1, name: "Lindenplein bewerken" })).toBeVisible();

  const opgave = page.locator("#onderdeel-opgaves");
  await page.locator("#title").fill("");
  await opgave.getByRole("button", { name: "Opgave toevoegen" }).click();
  await expect(page.getByText("Geef de opgave een titel (hoogstens 200 tekens).")).toBeVisible();
  const title = js ? "Gevelverbetering (js)" : "Gevelverbetering (zonder js)";
  await page.locator("#title").fill(title);
  await page.locator("#theme").selectOption({ label: "Openbare ruimte" });
  await page.locator("#onderdeel-opgaves").getByRole("button", { name: "Opgave toevoegen" }).click();
  await expect(page.locator("#onderdeel-opgaves .opgave__title", { hasText: title })).toBeVisible();

  await page.locator("#onderdeel-indicator").getByLabel("Indicator").selectOption({ label: "Passanten (zaterdag)" });
  await page.locator("#onderdeel-indicator").getByLabel("Periode (jaar of jjjj-mm)").fill(js ? "2026-01" : "2026-02");
  await page.locator("#onderdeel-indicator").getByLabel("Waarde").fill("6.543");
  await page.locator("#onderdeel-indicator").getByRole("button", { name: "Meting toevoegen" }).click();
  if (js) {
    await expect(page.getByText("De meting is toegevoegd.")).toBeVisible();
  }
  await expectAccessible(page);

  await page.goto("/gebieden/lindenplein");
  await expect(page.getByText(title)).toBeVisible();
  await expect(page.locator("tr[data-indicator=footfall] td").first()).toHaveText("6.543 per dag");
});
