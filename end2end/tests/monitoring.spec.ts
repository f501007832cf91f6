import { expect, Page, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

test("filter the area list by district and phase", async ({ page }, testInfo) => {
  await page.goto("/gebieden");
  await waitForHydration(page, testInfo);
  await page.getByLabel("Stadsdeel", { exact: true }).selectOption("Noord");
  if (!jsEnabled(testInfo)) {
    await page.getByRole("button", { name: "Toon gebieden" }).click();
  }
  await expect(page).toHaveURL(/stadsdeel=Noord/);
  await expect(page.getByText("3 van 18 gebieden")).toBeVisible();
  await page.getByLabel("Fase", { exact: true }).selectOption("decline");
  if (!jsEnabled(testInfo)) {
    await page.getByRole("button", { name: "Toon gebieden" }).click();
  }
  await expect(page).toHaveURL(/fase=decline/);
  await expect(page.getByText("1 van 18 gebieden")).toBeVisible();
  await expect(page.getByRole("link", { name: "Stadshart Noord" })).toBeVisible();
  await expectAccessible(page);

  // Back to all areas; an unknown value in the URL is ignored with a note.
  await page.goto("/gebieden?stadsdeel=Atlantis");
  await expect(page.getByText("Stadsdeel ‘Atlantis’ bestaat niet en is genegeerd.")).toBeVisible();
  await expect(page.getByText("18 gebieden", { exact: true })).toBeVisible();
});

test("an area's chart shows values on focus and has a table", async ({ page }, testInfo) => {
  await page.goto("/gebieden/lindenplein");
  await waitForHydration(page, testInfo);
  const chart = page.getByRole("group", { name: /^Leegstand \(verkooppunten\) in Lindenplein/ });
  await expect(chart).toBeVisible();
  const point = chart.getByRole("img", { name: /^Lindenplein 2025: \d+,\d%$/ });
  const tip = point.locator("text");
  await expect(tip).toBeHidden();
  await point.focus();
  await expect(tip).toBeVisible();

  const card = page.locator("section.chart-card").first();
  await card.getByText("Toon als tabel").click();
  const table = card.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Gemiddelde van de stad" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "2025" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Stuurwiel/ })).toBeVisible();
  await expectAccessible(page);
});

test("compare two areas", async ({ page }, testInfo) => {
  await page.goto("/gebieden/vergelijk");
  await waitForHydration(page, testInfo);
  await expect(page.getByText("Kies twee tot vier gebieden")).toBeVisible();
  await page.getByLabel("Gebied 1").selectOption({ label: "Lindenplein" });
  await page.getByLabel("Gebied 2").selectOption({ label: "Havenstraat" });
  await page.getByRole("button", { name: "Vergelijk" }).click();
  await expect(page).toHaveURL(/g=lindenplein&g=havenstraat/);
  const table = page.getByRole("table", { name: "Kerncijfers nu (laatste meting)" });
  await expect(table.getByRole("columnheader", { name: "Lindenplein" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Havenstraat" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Stuurwiel: laatste beoordeling per gebied" })).toBeVisible();
  await expectAccessible(page);
});

test("the monitor and the map", async ({ page }, testInfo) => {
  await page.goto("/monitor");
  await waitForHydration(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Monitor" })).toBeVisible();
  await expect(page.getByText("Wanneer krijgt een gebied een signaal?")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/gebieden/kaart");
  await waitForHydration(page, testInfo);
  await page.getByLabel("Kleur naar").selectOption({ label: "Passanten (zaterdag)" });
  if (!jsEnabled(testInfo)) {
    await page.getByRole("button", { name: "Toon" }).click();
  }
  await expect(page).toHaveURL(/indicator=footfall/);
  const marker = page.getByRole("link", { name: /^Lindenplein: / });
  await marker.focus();
  await expect(marker).toBeFocused();
  await expectAccessible(page);
  await marker.press("Enter");
  await expect(page).toHaveURL(/\/gebieden\/lindenplein$/);
});

async function login(page: Page, email: string) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("a coordinator imports a CSV after checking the preview", async ({ page }, testInfo) => {
  // The two projects share one server: each imports its own period.
  const period = jsEnabled(testInfo) ? "2031" : "2032";
  await page.goto("/monitor/import");
  await waitForHydration(page, testInfo);
  await page.getByRole("link", { name: "Inloggen" }).last().click();
  await login(page, "coordinator@voorbeeld.nl");
  await expect(page).toHaveURL(/\/monitor\/import$/);
  await expectAccessible(page);

  // First a file with a mistake: the preview names the row and offers no import.
  await page.getByLabel("CSV-bestand").setInputFiles({
    name: "leverancier.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`gebied;indicator;periode;waarde;bron\nKanaalweg;outlets;${period};345;Telling\nNergenshuizen;footfall;${period};10;Telling\n`),
  });
  await page.getByRole("button", { name: "Uploaden en controleren" }).click();
  await expect(page.getByText("1 regel(s) met een fout.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Onbekend gebied ‘Nergenshuizen’." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Importeer alle regels" })).toHaveCount(0);

  // Then the corrected file.
  await page.goto("/monitor/import");
  await page.getByLabel("CSV-bestand").setInputFiles({
    name: "leverancier.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`gebied;indicator;periode;waarde;bron\nKanaalweg;outlets;${period};345;Telling\nTuindorp;outlets;${period};98;Telling\n`),
  });
  await page.getByRole("button", { name: "Uploaden en controleren" }).click();
  await expect(page.getByText("Alle regels zijn in orde.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Importeer alle regels" }).click();
  await expect(page.getByText("2 waarden geïmporteerd.")).toBeVisible();

  // Both projects import the same value, each for its own (latest) period.
  await page.goto("/gebieden/kanaalweg");
  await expect(
    page.locator("table.indicator-table tr[data-indicator=outlets] td").first(),
  ).toHaveText("345");
});
