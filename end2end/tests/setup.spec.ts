import { expect, Page, test, TestInfo } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

// A new city: `server migrate`, `server user add --role admin`, and then everything in the
// browser. Each project has its own server on an empty database (playwright.config.ts),
// and the steps build on each other, so they run in order.
test.describe.configure({ mode: "serial" });
failOnConsoleErrors();

const port = Number(process.env.E2E_PORT ?? 3100);
const at = (testInfo: TestInfo, path: string) =>
  `http://127.0.0.1:${port + (jsEnabled(testInfo) ? 1 : 2)}${path}`;

async function open(page: Page, testInfo: TestInfo, path: string) {
  await page.goto(at(testInfo, path));
  await waitForHydration(page, testInfo);
}

async function logInAsAdmin(page: Page, testInfo: TestInfo, next = "/") {
  await open(page, testInfo, `/inloggen?volgende=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mailadres").fill("admin@stad.nl");
  await page.getByLabel("Wachtwoord").fill("stad-wachtwoord-2026");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText("Ada Beheer");
  await waitForHydration(page, testInfo);
}

test("a new city adds its districts and first two areas", async ({ page }, testInfo) => {
  await open(page, testInfo, "/gebieden");
  await expect(page.getByText("Het programma heeft nog geen gebieden.")).toBeVisible();
  await expectAccessible(page);

  await logInAsAdmin(page, testInfo);
  await expect(page.getByRole("heading", { name: "Aan de slag" })).toBeVisible();
  await page.getByRole("link", { name: "Stadsdelen toevoegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stadsdelen" })).toBeVisible();
  await waitForHydration(page, testInfo);
  await expectAccessible(page);

  const add = page.locator("#district-new");
await add.getByRole("button", { name: "Stadsdeel toevoegen" }).click();
await expect(page.getByText("Vul de naam van het stadsdeel in.")).toBeVisible();
  for (const name of ["Noord", "Zuid"]) {
    await page.locator("#district-new").getByLabel("Naam").fill(name);
    await page.locator("#district-new").getByRole("button", { name: "Stadsdeel toevoegen" }).click();
    await expect(page.locator(".setup-list")).toContainText(`${name} verwijderen…`);
  }

  // The first area: coordinates typed.
  await open(page, testInfo, "/gebieden/nieuw");
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw gebied" })).toBeVisible();
  await expectAccessible(page);
  const form = page.locator("#area-identity-new");
  await form.getByLabel("Naam", { exact: true }).fill("Oude Markt");
  await form.getByLabel("Stadsdeel").selectOption("Noord");
  await form.getByLabel("Breedtegraad (noord)").fill("52,0907");
  await form.getByLabel("Lengtegraad (oost)").fill("195,5");
  await form.getByRole("button", { name: "Gebied aanmaken" }).click();
  await expect(page.getByText("Vul een getal in tussen −180 en 180, bijvoorbeeld 5,1214.")).toBeVisible();
  // A mistake keeps what was typed (without JavaScript through the server's draft).
  await expect(page.locator("#area-identity-new").getByLabel("Naam", { exact: true })).toHaveValue("Oude Markt");
  await page.locator("#area-identity-new").getByLabel("Lengtegraad (oost)").fill("5,1214");
  await page.locator("#area-identity-new").getByRole("button", { name: "Gebied aanmaken" }).click();
  await expect(page).toHaveURL(/\/gebieden\/oude-markt$/);
  await expect(page.getByRole("heading", { level: 1, name: "Oude Markt" })).toBeVisible();

  // The second area: with JavaScript placed by a click on the map, without it typed.
  await open(page, testInfo, "/gebieden/nieuw");
  const second = page.locator("#area-identity-new");
  await second.getByLabel("Naam", { exact: true }).fill("Zuiderpoort");
  await second.getByLabel("Stadsdeel").selectOption("Zuid");
  if (jsEnabled(testInfo)) {
    const map = page.getByRole("img", { name: "Kaart om de plek van het gebied aan te klikken" });
    await expect(map).toBeVisible();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.6, y: box.height * 0.8 } });
    await expect(second.getByLabel("Breedtegraad (noord)")).toHaveValue(/^52,0\d+$/);
    await expect(page.locator(".picker__marker")).toBeVisible();
  } else {
    await expect(page.getByRole("img", { name: "Kaart om de plek van het gebied aan te klikken" })).toBeHidden();
    await second.getByLabel("Breedtegraad (noord)").fill("52,0712");
    await second.getByLabel("Lengtegraad (oost)").fill("5,1198");
  }
  await second.getByRole("button", { name: "Gebied aanmaken" }).click();
  await expect(page).toHaveURL(/\/gebieden\/zuiderpoort$/);

  await open(page, testInfo, "/gebieden/kaart");
  await expect(page.locator(".map__svg")).toContainText("Oude Markt");
  await expect(page.locator(".map__svg")).toContainText("Zuiderpoort");
});

test("an organisation with a term and budget, linked to both areas", async ({ page }, testInfo) => {
  await logInAsAdmin(page, testInfo, "/beheer/organisaties");
  await expect(page.getByRole("heading", { level: 1, name: "Organisaties" })).toBeVisible();
  await expectAccessible(page);
  const org = page.locator("#organisation-new");
  await org.getByLabel("Naam", { exact: true }).fill("BIZ Oude Markt");
  await org.getByLabel("Soort").selectOption({ label: "BIZ" });
  await org.getByLabel("Looptijd van").fill("2029-01-01");
  await org.getByLabel("tot en met").fill("2025-12-31");
  await org.getByLabel("Jaarbudget (€)").fill("85.000");
  await org.getByRole("button", { name: "Organisatie toevoegen" }).click();
  await expect(page.getByText("Het einde van de looptijd ligt vóór het begin.")).toBeVisible();
  await page.locator("#organisation-new").getByLabel("Looptijd van").fill("2025-01-01");
  await page.locator("#organisation-new").getByLabel("tot en met").fill("2029-12-31");
  await page.locator("#organisation-new").getByRole("button", { name: "Organisatie toevoegen" }).click();
  await expect(page.getByRole("link", { name: "BIZ Oude Markt" })).toBeVisible();

  for (const slug of ["oude-markt", "zuiderpoort"]) {
    await open(page, testInfo, `/gebieden/${slug}/partijen`);
    const link = page.locator("#stakeholder-new");
    await link.getByLabel("Organisatie").selectOption({ label: "BIZ Oude Markt" });
    await link.getByLabel("Rol in dit gebied").selectOption({ label: "Ondernemers" });
    await link.getByRole("button", { name: "Organisatie koppelen" }).click();
    await expect(page.locator("#onderdeel-stakeholders .setup-list")).toContainText("BIZ Oude Markt");
  }
  await expectAccessible(page);
});

test("a theme, an indicator, and a value entered and corrected", async ({ page }, testInfo) => {
  await logInAsAdmin(page, testInfo, "/beheer/themas");
  await page.locator("#theme-new").getByLabel("Naam", { exact: true }).fill("Groen en water");
  await page.locator("#theme-new").getByRole("button", { name: "Thema toevoegen" }).click();
  await expect(page.getByRole("heading", { name: "Groen en water" })).toBeVisible();
  await expectAccessible(page);

  await open(page, testInfo, "/beheer/indicatoren");
  const indicator = page.locator("#indicator-new");
  await indicator.getByLabel("Code").fill("terrassen");
  await indicator.getByLabel("Naam", { exact: true }).fill("Terrassen");
  await indicator.getByLabel("Eenheid").fill("aantal");
  await indicator.getByLabel("Welke kant is beter?").selectOption({ label: "hoger is beter" });
  await indicator.getByRole("button", { name: "Indicator toevoegen" }).click();
  await expect(page.getByRole("heading", { name: "Terrassen", exact: true })).toBeVisible();
  await expectAccessible(page);

  await open(page, testInfo, "/gebieden/oude-markt/bewerken");
  const measure = page.locator("#onderdeel-indicator");
  await measure.getByLabel("Indicator").selectOption({ label: "Terrassen" });
  await measure.getByLabel("Periode (jaar of jjjj-mm)").fill("2025");
  await measure.getByLabel("Waarde").fill("12");
  await measure.getByRole("button", { name: "Meting toevoegen" }).click();
  // Wait for the save before leaving the page (a click too soon would cancel the post).
  await expect(page.getByText("De meting is toegevoegd.")).toBeVisible();
  await page.getByRole("link", { name: "Cijfers corrigeren of verwijderen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cijfers corrigeren" })).toBeVisible();
  await waitForHydration(page, testInfo);
  await page.getByLabel("Indicator").selectOption({ label: "Terrassen" });
  await page.getByRole("button", { name: "Toon de waarden" }).click();
  await expect(page).toHaveURL(/\/gebieden\/oude-markt\/cijfers\?waarden=terrassen$/);
  await waitForHydration(page, testInfo);
  const values = page.locator("#onderdeel-waarden");
  await values.getByText("2025 corrigeren").click();
  await values.getByLabel("Waarde", { exact: true }).first().fill("14");
  await values.getByLabel("Waarom?").first().fill("Telfout");
  await values.getByRole("button", { name: "Correctie opslaan" }).click();
  await expect(page.locator("#onderdeel-waarden .values-edit__value").first()).toHaveText("2025: 14");
  await expectAccessible(page);

  await open(page, testInfo, "/gebieden/oude-markt");
  await expect(page.getByText("BIZ Oude Markt")).toBeVisible();
  await expect(page.getByText("1 januari 2025 t/m 31 december 2029, € 85.000 per jaar", { exact: false })).toBeVisible();
  await expect(page.locator("tr[data-indicator=terrassen] td").first()).toHaveText("14");
  // The only area of its type with a value: its own median, first of one.
  await expect(page.locator("tr[data-indicator=terrassen]")).toContainText("1e van 1");
});

// Its own journey, so that each stays well inside the timeout on a slow machine.
test("an opgave tied to the new indicator, and open data from the first value", async ({ page }, testInfo) => {
  await logInAsAdmin(page, testInfo, "/gebieden/oude-markt/bewerken");
  const opgave = page.locator("form:has(button:text('Opgave toevoegen'))");
  await opgave.getByLabel("Titel").fill("Meer terrassen op de markt");
  await opgave.getByLabel("Thema").selectOption({ label: "Groen en water" });
  await opgave.getByRole("button", { name: "Opgave toevoegen" }).click();
  await page.getByRole("link", { name: "Cijfers en looptijd van ‘Meer terrassen op de markt’" }).click();
  // The new page is in place (with JavaScript the link swaps the page in) before filling it.
  await expect(page.getByRole("heading", { level: 1, name: "Meer terrassen op de markt" })).toBeVisible();
  await page.getByLabel("Indicator", { exact: true }).selectOption({ label: "Terrassen" });
  await page.getByLabel("omhoog").check();
  await page.getByLabel("Doelwaarde (mag leeg)").fill("20");
  await page.getByRole("button", { name: "Koppeling opslaan" }).click();
  await expect(page.getByText(/^Terrassen omhoog: .*nu 14 \(2025\); doel 20/)).toBeVisible();
  await expectAccessible(page);
  await open(page, testInfo, "/gebieden/oude-markt");
  await expect(page.locator("li.opgave", { hasText: "Meer terrassen op de markt" })).toContainText("doel 20");

  // Open data from the first value on.
  await open(page, testInfo, "/open-data");
  await expect(page.getByText(/^Nu gepubliceerd: \d+ waarden? van \d+ indicator(en)? in \d+ gebied(en)?\.$/)).toBeVisible();
});

// A new city has no stuurwiel until a coordinator sets one up here.
test("the stuurwiel set up in the browser, then a first assessment", async ({ page }, testInfo) => {
  await logInAsAdmin(page, testInfo, "/gebieden/oude-markt/bewerken");
  const assessment = page.locator("#onderdeel-assessment");
  await expect(assessment).toContainText("Het stuurwiel heeft nog geen onderdelen om op te scoren.");
  await assessment.getByRole("link", { name: "Beheer → Stuurwiel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stuurwiel beheren" })).toBeVisible();
  await waitForHydration(page, testInfo);
  await expect(page.getByText(/Het stuurwiel heeft nog geen onderdelen\./)).toBeVisible();
  await expectAccessible(page);

  const add = page.locator("form:has(button:text('Onderdeel toevoegen'))");
  await add.getByRole("button", { name: "Onderdeel toevoegen" }).click();
  await expect(page.getByText("Vul een naam in van hoogstens 60 tekens.")).toBeVisible();
  for (const name of ["Organisatiegraad", "Vastgoed en leegstand", "Openbare ruimte"]) {
    await add.getByLabel("Naam").fill(name);
    await add.getByRole("button", { name: "Onderdeel toevoegen" }).click();
    await expect(page.getByRole("button", { name: `${name} een plaats omhoog` })).toBeAttached();
  }
  await page.locator("#framework-name").fill("Stuurwiel centrummanagement");
  await page.getByRole("button", { name: "Kader opslaan" }).click();
  await expect(page.locator("#framework-name")).toHaveValue("Stuurwiel centrummanagement");
  await expect(page.getByRole("heading", { name: "Onderdelen (3)" })).toBeVisible();
  await expectAccessible(page);

  await open(page, testInfo, "/gebieden/oude-markt/bewerken");
  const form = page.locator("#onderdeel-assessment");
  await form.getByLabel("Datum (jjjj-mm-dd)").fill("2026-12-01");
  await form.getByLabel("Organisatiegraad").fill("3");
  await form.getByLabel("Vastgoed en leegstand").fill("4");
  await form.getByLabel("Openbare ruimte").fill("2");
  await form.getByRole("button", { name: "Beoordeling vastleggen" }).click();
  await expect(page.getByText("De beoordeling is vastgelegd.")).toBeVisible();
  await open(page, testInfo, "/gebieden/oude-markt");
  await expect(page.getByRole("img", { name: /^Stuurwiel/ })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Vastgoed en leegstand" })).toBeAttached();
});

test("an area editor, a first session and library item; then the checklist is gone", async ({ page }, testInfo) => {
  await logInAsAdmin(page, testInfo, "/beheer/accounts");
  await page.getByLabel("Naam", { exact: true }).fill("Rik Redacteur");
  await page.getByLabel("E-mailadres", { exact: true }).fill("rik@stad.nl");
  await page.getByLabel("Gebieden (voor gebiedsredacteuren)").fill("oude-markt");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByRole("cell", { name: "rik@stad.nl" })).toBeVisible();

  await open(page, testInfo, "/sessies/nieuw");
  await page.getByLabel("Titel").fill("Kennismaken met de BIZ");
  await page.getByLabel("Begint").fill("2099-03-05T19:30");
  await page.getByLabel("Eindigt").fill("2099-03-05T21:00");
  await page.getByLabel("Aantal plaatsen").fill("30");
  await page.getByLabel("Groen en water").check();
  await page.getByLabel("Webadres", { exact: true }).fill("kennismaken-biz");
  await page.getByLabel(/^Gepubliceerd/).check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Opgeslagen.")).toBeVisible();

  await open(page, testInfo, "/kennisbank/nieuw");
  await page.getByLabel("Titel").fill("Een BIZ oprichten");
  await page.getByLabel("Samenvatting").fill("Stappen en draagvlakmeting voor een bedrijveninvesteringszone.");
  await page.getByLabel("Tekst").fill("Begin met de ondernemers.");
  await page.getByLabel("Groen en water").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText(/Opgeslagen|Een BIZ oprichten/).first()).toBeVisible();

  // Many areas at once: pasted CSV, a check per row, then all of them.
  await open(page, testInfo, "/gebieden/import");
  await expectAccessible(page);
  await page.getByLabel("De regels").fill("naam;stadsdeel;type\nStationsplein;Oost;Winkelstraat\n");
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(page.getByText("1 regel(s) met een fout.")).toBeVisible();
  await expect(page.getByRole("cell", { name: /stadsdeel: Kies een stadsdeel uit de lijst/ })).toBeVisible();
  await expectAccessible(page);
  await open(page, testInfo, "/gebieden/import");
  await page.getByLabel("De regels").fill("naam;stadsdeel;type\nStationsplein;Noord;Winkelstraat\n");
  await page.getByRole("button", { name: "Controleren" }).click();
  await page.getByRole("button", { name: "Maak alle 1 gebieden aan" }).click();
  await expect(page.getByText("De gebieden zijn aangemaakt.")).toBeVisible();

  // The identity page, archive and restore, and the other set-up pages pass axe too.
  await open(page, testInfo, "/gebieden/stationsplein/gegevens");
  await expectAccessible(page);
  await page.getByText("Stationsplein archiveren…").click();
  await page.getByLabel("Ja, archiveer Stationsplein").check();
  await page.getByRole("button", { name: "Archiveren" }).click();
  await expect(page.getByText("Dit gebied is gearchiveerd")).toBeVisible();
  await open(page, testInfo, "/beheer/gearchiveerd");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stationsplein terugzetten" }).click();
  await expect(page).toHaveURL(/\/gebieden\/stationsplein$/);
  await open(page, testInfo, "/beheer/organisaties");
  await page.getByRole("link", { name: "BIZ Oude Markt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "BIZ Oude Markt" })).toBeVisible();
  await waitForHydration(page, testInfo);
  await expectAccessible(page);

  await open(page, testInfo, "/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aan de slag" })).toHaveCount(0);
  await open(page, testInfo, "/beheer");
  await expect(page.getByRole("heading", { name: "Aan de slag" })).toHaveCount(0);
  await expectAccessible(page);
});
