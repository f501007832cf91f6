import { expect, Page, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

async function login(page: Page, email: string) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("a profile shows the summary and the median of its peer group", async ({ page }, testInfo) => {
  await page.goto("/gebieden/lindenplein");
  await waitForHydration(page, testInfo);
  const summary = page.getByRole("region", { name: "In het kort" });
  await expect(summary).toContainText("de mediaan van wijkcentra");
  const table = page.locator("table.indicator-table");
  await expect(table.getByRole("columnheader", { name: "Mediaan wijkcentra" })).toBeVisible();
  await expect(table.locator("tr[data-indicator=vacancy_outlets]")).toContainText(/\d+e van \d+ wijkcentra/);
  const chart = page.locator("section.chart-card").first();
  await expect(chart.locator(".chart-legend")).toContainText("Mediaan wijkcentra");
  await expectAccessible(page);
});

test("a coordinator ties an opgave to vacancy and the profile shows before and now", async ({ page }, testInfo) => {
  // The two projects run at the same time on one server: each its own area.
  const area = jsEnabled(testInfo)
    ? { slug: "vogelenzang", name: "Vogelenzang" }
    : { slug: "sterrenplein", name: "Sterrenplein" };
  await page.goto(`/inloggen?volgende=/gebieden/${area.slug}/bewerken`);
  await waitForHydration(page, testInfo);
  await login(page, "coordinator@voorbeeld.nl");
  await expect(page.getByRole("heading", { level: 1, name: `${area.name} bewerken` })).toBeVisible();
  const link = page.getByRole("link", { name: /^Cijfers en looptijd van ‘/ }).first();
  const title = ((await link.getAttribute("aria-label")) ?? "").replace(/^Cijfers en looptijd van ‘(.*)’$/, "$1");
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);

  // It started in March 2023.
  await page.getByLabel("Gestart op (jjjj-mm-dd)").fill("2023-03-01");
  await page.getByLabel(/^Afgerond op/).fill("");
  await page.getByRole("button", { name: "Looptijd opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De looptijd is opgeslagen.");

  // A mistake is explained; then vacancy, going down.
  await page.getByLabel("Indicator", { exact: true }).selectOption({ label: "Leegstand (verkooppunten)" });
  await page.getByRole("button", { name: "Koppeling opslaan" }).click();
  await expect(page.getByText("Kies of de indicator omhoog of omlaag moet.")).toBeVisible();
  await page.getByLabel("Indicator", { exact: true }).selectOption({ label: "Leegstand (verkooppunten)" });
  await page.getByLabel("omlaag").check();
  await page.getByRole("button", { name: "Koppeling opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De koppeling is opgeslagen.");
  await expect(page.getByText(/^Leegstand \(verkooppunten\) omlaag: \d+,\d% vóór de start \(2022\), nu \d+,\d% \(\d{4}\)/)).toBeVisible();

  // The profile: before and now under the opgave, the start marked on the vacancy chart.
  await page.goto(`/gebieden/${area.slug}`);
  await waitForHydration(page, testInfo);
  const opgave = page.locator("li.opgave", { hasText: title });
  await expect(opgave).toContainText(/Leegstand \(verkooppunten\) omlaag: \d+,\d% vóór de start \(2022\), nu/);
  const card = page.locator("section.chart-card", { hasText: "Leegstand (verkooppunten)" }).first();
  await expect(card.locator(".chart-milestones")).toContainText(`Start opgave ‘${title}’ op 1 maart 2023`);
  await expect(card.locator("svg .chart__milestone").first()).toBeAttached();
  await expectAccessible(page);
});

test("open data: the page explains the files and the licence", async ({ page }, testInfo) => {
  await page.goto("/");
  await waitForHydration(page, testInfo);
  await page.getByRole("contentinfo").getByRole("link", { name: "Open data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByRole("link", { name: "CC BY 4.0" })).toBeVisible();
  await expect(page.getByText(/Nu gepubliceerd: [\d.]+ waarden/)).toBeVisible();
  const csv = await page.request.get("/open-data/indicatoren.csv");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toBe(
    "gebied_code,gebied_naam,gebied_type,stadsdeel,indicator_code,indicator_naam,periode,waarde,eenheid,bron",
  );
  await expectAccessible(page);
});
