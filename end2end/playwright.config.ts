import { defineConfig } from "@playwright/test";

// Every test runs twice: hydrated (JavaScript on) and as plain server-rendered HTML
// (JavaScript off), which proves the pages work before — or without — the WASM.
const port = Number(process.env.E2E_PORT ?? 3100);
// The demo server's mail, as files, for journeys that follow a link from a mail
// (read by `readMail` in tests/helpers.ts).
const mailDir = `${process.cwd()}/test-results-mail`;
const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  },
  projects: [
    { name: "js", use: { ...chromium, javaScriptEnabled: true } },
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: "./start-server.sh",
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_PORT: String(port), E2E_MAIL_DIR: mailDir },
    },
    // Two servers on empty databases (one per project) for the set-up journey
    // (setup.spec.ts), as a new city starts.
    ...[1, 2].map((offset) => ({
      command: "./start-empty-server.sh",
      url: `http://127.0.0.1:${port + offset}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_EMPTY_PORT: String(port + offset) },
    })),
  ],
});
