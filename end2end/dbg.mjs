import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const page = await browser.newPage();
let errors = [];
page.on("pageerror", e => errors.push(e.message.slice(0, 60)));
page.on("console", m => { if (m.type() === "error" && !m.text().startsWith("Failed to load")) errors.push(m.text().slice(0, 60)); });
const base = process.env.BASE;
await page.goto(base + "/inloggen");
await page.getByLabel("E-mailadres").fill(process.env.WHO);
await page.getByLabel("Wachtwoord").fill(process.env.PW);
await page.getByRole("button", { name: "Inloggen" }).click();
await page.waitForTimeout(1500);
for (const path of process.argv.slice(2)) {
  errors = [];
  await page.goto(base + path);
  try { await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: 8000 }); } catch { errors.push("NOT HYDRATED"); }
  await page.waitForTimeout(300);
  console.log(path, errors.length ? errors.join(" | ") : "ok");
}
await browser.close();
