import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors, readMail, waitForHydration } from "./helpers";

failOnConsoleErrors();

test("propose an opgave, confirm, support it, and a coordinator adopts it onto the profile", async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const title = `Fietsenrekken bij de markt (${project})`;
  const proposer = `indiener-${project}@voorbeeld.nl`;
  const supporter = `steun-${project}@voorbeeld.nl`;

  await page.goto("/gebieden/lindenplein");
  await waitForHydration(page, testInfo);
  await page.getByRole("link", { name: "Voorstellen bekijken en doen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Voorstellen voor Lindenplein" })).toBeVisible();
  await waitForHydration(page, testInfo);

  const form = page.locator("#proposal-new");
  await form.getByLabel("Titel").fill(title);
  await form.getByLabel("Wat moet er gebeuren, en waarom?").fill("Op marktdagen staan de fietsen overal op de stoep.");
  await form.getByLabel("Thema").selectOption({ label: "Openbare ruimte" });
  await form.getByLabel("U bent").selectOption({ label: "Ondernemer" });
  await form.getByLabel("Uw naam (niet openbaar)").fill("Sanne Indiener");
  await form.getByLabel("Uw e-mailadres (niet openbaar)").fill(proposer);
  await form.getByLabel(/Ik geef toestemming/).check();
  await form.getByRole("button", { name: "Voorstel insturen" }).click();
  await expect(page.getByText("Kijk in uw mail: uw voorstel wordt zichtbaar")).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await expectAccessible(page);

  const confirmLink = (mail: string) => /\/voorstellen\/bevestigen\/[0-9a-f]{64}/.exec(mail)?.[0];
  await page.goto(confirmLink(await readMail(proposer, "proposal_confirm"))!);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Bevestigd. Dank u wel!")).toBeVisible();
  const proposalUrl = page.url().split("?")[0];

  const support = page.locator("#proposal-support");
  await support.getByLabel("Uw naam (niet openbaar)").fill("Piet Steun");
  await support.getByLabel("Uw e-mailadres (niet openbaar)").fill(supporter);
  await support.getByLabel(/Ik geef toestemming/).check();
  await support.getByRole("button", { name: "Steunen" }).click();
  await expect(page.getByText("uw steun telt zodra u hem bevestigt")).toBeVisible();
  await page.goto(confirmLink(await readMail(supporter, "support_confirm"))!);
  await expect(page.getByRole("heading", { level: 1, name: "Bevestig uw steun" })).toBeVisible();
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByText("1 van de 10 steunbetuigingen")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(supporter);
  await expect(page.locator("body")).not.toContainText("Sanne Indiener");
  await expectAccessible(page);

  // The coordinator adopts it: it becomes an opgave on the profile.
  await page.goto(`/inloggen?volgende=${new URL(proposalUrl).pathname}`);
  await page.getByLabel("E-mailadres").fill("coordinator@voorbeeld.nl");
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByLabel("Overnemen als nieuwe opgave").check();
  await page.getByRole("button", { name: "Besluit opslaan" }).click();
  await expect(page.getByText("Het besluit is opgeslagen")).toBeVisible();
  await expect(page.getByText("Overgenomen als opgave").first()).toBeVisible();
  await page.goto("/gebieden/lindenplein");
  await expect(page.locator("section", { has: page.locator("#opgaves") })).toContainText(title);
});
