import { expect, Page, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, jsEnabled, waitForHydration } from "./helpers";

failOnConsoleErrors();

async function login(page: Page, email: string) {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("suggest a topic, vote for it once, take the vote back", async ({ page }, testInfo) => {
  await page.goto("/sessies");
  await waitForHydration(page, testInfo);
  await page.getByRole("link", { name: "Onderwerp voorstellen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Onderwerpen voor sessies" })).toBeVisible();
  await waitForHydration(page, testInfo);
  await expectAccessible(page);

  // No text: a clear message, and what was typed stays.
  const form = page.locator("#voorstellen");
  await form.getByLabel("Thema", { exact: true }).selectOption({ label: "Verduurzaming" });
  await form.getByLabel("Uw naam").fill("Eva Tester");
  await form.getByLabel("Uw e-mailadres").fill("eva@voorbeeld.nl");
  await form.getByRole("button", { name: "Onderwerp voorstellen" }).click();
  await expect(form.getByText("Beschrijf het onderwerp")).toBeVisible();
  await expect(form.getByLabel("Uw naam")).toHaveValue("Eva Tester");

  // The two projects share one server: each suggests its own topic.
  const text = `Groene daken op winkelpanden (${testInfo.project.name})`;
  await form.getByLabel("Onderwerp", { exact: true }).fill(text);
  await form.getByRole("button", { name: "Onderwerp voorstellen" }).click();
  await expect(page.getByText("Dank u! Uw onderwerp staat nu in de lijst")).toBeVisible();

  const open = page.locator("section", { has: page.locator("#open-kop") });
  const item = open.locator("li.topic", { hasText: text });
  await expect(item).toContainText("0 stemmen");
  await expect(page.locator("body")).not.toContainText("eva@voorbeeld.nl");

  await item.getByRole("button", { name: "Stem op dit voorstel" }).click();
  await expect(open.getByText("Uw stem is geteld.")).toBeVisible();
  await expect(item).toContainText("1 stem");
  await expect(item).toContainText("U heeft op dit voorstel gestemd.");
  await expectAccessible(page);

  await item.getByRole("button", { name: "Stem intrekken" }).click();
  await expect(open.getByText("Uw stem is ingetrokken.")).toBeVisible();
  await expect(item).toContainText("0 stemmen");
});

test("a coordinator plans one suggestion and declines another with a public reason", async ({ page }, testInfo) => {
  // Each project triages its own demo suggestion.
  const js = jsEnabled(testInfo);
  const topic = js ? "Hoe krijg je eigenaren van leegstaande panden" : "Samen inkopen van zonnepanelen";
  await page.goto("/inloggen?volgende=/sessies/onderwerpen");
  await waitForHydration(page, testInfo);
  await login(page, "coordinator@voorbeeld.nl");
  await expect(page.getByRole("heading", { level: 1, name: "Onderwerpen voor sessies" })).toBeVisible();
  await waitForHydration(page, testInfo);

  const item = page.locator("li.topic", { hasText: topic });
  await expect(item).toContainText("(alleen zichtbaar voor coördinatoren)");
  await item.getByText("Verwerken (coördinator)").click();
  if (js) {
    // Declining without a reason is refused, with the message at the field.
    await item.getByRole("button", { name: "Markeer als niet gepland" }).click();
    await expect(item.getByText("Geef een reden")).toBeVisible();
    await item.getByLabel(/waarom komt het niet in een sessie/).fill("Dit bespreken we al in de werkgroep Leegstand.");
    await item.getByRole("button", { name: "Markeer als niet gepland" }).click();
    const declined = page.locator("section", { has: page.locator("#niet-gepland-kop") });
    await expect(declined.locator("li.topic", { hasText: topic })).toContainText(
      "Dit bespreken we al in de werkgroep Leegstand.",
    );
  } else {
    await item.getByLabel("In welke sessie komt het aan bod?").selectOption("leegstand-samen-aanpakken");
    await item.getByRole("button", { name: "Markeer als gepland" }).click();
    const planned = page.locator("section", { has: page.locator("#gepland-kop") });
    await expect(planned.locator("li.topic", { hasText: topic }).getByRole("link", { name: "Leegstand samen aanpakken" })).toBeVisible();
  }
  await expect(page.getByText("Het voorstel is verwerkt.")).toBeVisible();
  await expectAccessible(page);
});
