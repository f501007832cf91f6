// The browser half of bench/bundle.sh: per route, the brotli bytes of WASM+JS a first visit
// downloads. Run through bench/bundle.sh, which starts the server (BASE_URL).
import { createRequire } from "node:module";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "end2end", "package.json"));
const { chromium } = require("@playwright/test");

const base = process.env.BASE_URL;
const budgetKb = Number(process.env.BUDGET_KB ?? 150);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

/** A first link on `page` whose path matches `pattern`, e.g. a session's slug. */
async function firstLink(from, pattern) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + from);
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  await context.close();
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${from}`);
  return href;
}

/** Signs up for a session without JavaScript and returns the sign-up's own page. */
async function signUpPage(sessionPath) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + sessionPath);
  await page.getByLabel("Naam", { exact: true }).fill("Bundel Meting");
  await page.getByLabel("E-mailadres", { exact: true }).fill(`bundel-${Date.now()}@voorbeeld.nl`);
  await page.getByLabel("U bent", { exact: true }).selectOption({ label: "Vastgoed" });
  await page.getByLabel(/Ik geef toestemming/).check();
  await page.getByRole("button", { name: /^Aanmelden/ }).click();
  await page.waitForURL(/\/aanmelding\/[0-9a-f]{64}$/);
  const url = new URL(page.url()).pathname;
  await context.close();
  return url;
}

/** Cookies of a logged-in coordinator (demo account), to start new contexts with. */
async function coordinatorState() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "/inloggen");
  await page.getByLabel("E-mailadres").fill("coordinator@voorbeeld.nl");
  await page.getByLabel("Wachtwoord").fill("kernpunt-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  const state = await context.storageState();
  await context.close();
  return state;
}

/** The size of `url` as sent with `Accept-Encoding: br`. */
function brotliBytes(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": "br" } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk) => (bytes += chunk.length));
        res.on("end", () =>
          res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${res.statusCode}`)),
        );
      })
      .on("error", reject);
  });
}

const isCode = (url) => /\.(wasm|js|mjs)(\?|$)/.test(new URL(url).pathname);

/** Everything `route` loads or preloads on a first visit, in a fresh (empty-cache) context. */
async function firstVisit(route, storageState) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const loaded = new Set();
  page.on("request", (request) => {
    if (isCode(request.url())) loaded.add(request.url());
  });
  const response = await page.goto(base + route, { waitUntil: "networkidle" });
  if (!response.ok()) throw new Error(`${route}: HTTP ${response.status()}`);
  // Islands hydrate when the browser is idle; give them that moment, then let the network settle.
  await page.waitForTimeout(500);
  await page.waitForLoadState("networkidle");
  const hinted = await page
    .locator('link[rel="preload"], link[rel="modulepreload"], script[src]')
    .evaluateAll((els) => els.map((el) => el.href || el.src));
  for (const url of hinted) if (url && isCode(url)) loaded.add(url);
  await context.close();
  let total = 0;
  const files = [];
  for (const url of [...loaded].sort()) {
    const bytes = await brotliBytes(url);
    total += bytes;
    files.push(`${path.basename(new URL(url).pathname)} ${(bytes / 1000).toFixed(1)}`);
  }
  return { total, files };
}

const session = await firstLink("/sessies", /^\/sessies\/(?!onderwerpen|nieuw|thema)[a-z0-9-]+$/);
const item = await firstLink("/kennisbank", /^\/kennisbank\/(?!thema|nieuw|dossier)[a-z0-9-]+$/);
const theme = await firstLink("/kennisbank", /^\/kennisbank\/thema\/[a-z0-9-]+$/);
const area = await firstLink("/gebieden", /^\/gebieden\/(?!kaart|vergelijk|nieuw|import)[a-z0-9-]+$/);
const signUp = await signUpPage(session);

const publicRoutes = [
  "/", "/gebieden", area, "/gebieden/vergelijk", "/gebieden/kaart", "/monitor", "/sessies",
  session, signUp, "/sessies/onderwerpen", "/kennisbank", item, theme, "/inloggen", "/open-data",
  "/mijn-aanmeldingen", "/volgen", `${area}/voorstellen`,
];
const coordinatorRoutes = [
  "/beheer", "/gebieden/nieuw", `${area}/bewerken`, "/sessies/nieuw", "/beheer/open-data",
  `${area}/bericht`,
];

const rows = [];
let worst = { route: "", total: 0 };
for (const route of publicRoutes) {
  const { total, files } = await firstVisit(route);
  rows.push({ route, who: "visitor", total, files });
  if (total > worst.total) worst = { route, total };
}
const state = await coordinatorState();
for (const route of coordinatorRoutes) {
  const { total, files } = await firstVisit(route, state);
  rows.push({ route, who: "coordinator", total, files });
}
await browser.close();

const kb = (bytes) => (bytes / 1000).toFixed(1);
const shown = (route) => route.replace(/[0-9a-f]{64}$/, "{token}");
console.log(`| route | who | WASM+JS brotli (kB) | files (kB) |`);
console.log(`| --- | --- | ---: | --- |`);
for (const row of rows) {
  const over = row.who === "visitor" && row.total > budgetKb * 1000 ? " **over**" : "";
  console.log(`| \`${shown(row.route)}\` | ${row.who} | ${kb(row.total)}${over} | ${row.files.join(", ")} |`);
}
console.log(`\nWorst public route: ${shown(worst.route)}, ${kb(worst.total)} kB (budget ${budgetKb} kB).`);
process.exit(worst.total > budgetKb * 1000 ? 1 : 0);
