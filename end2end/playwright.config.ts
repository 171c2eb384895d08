import { defineConfig, devices } from "@playwright/test";

// The server under test: the debug build from `cargo leptos build`, on a fresh
// embedded database with one administrator created through the CLI. E2E_PORT
// moves it when another copy of the suite runs on the same machine.
const port = Number(process.env.E2E_PORT ?? 3100);
const bin = "../target/debug/mentorbro";
const db = "../target/e2e-db";
const env = [
  `LEPTOS_OUTPUT_NAME=mentorbro`,
  `LEPTOS_SITE_ROOT=../target/site`,
  `LEPTOS_SITE_PKG_DIR=pkg`,
  `LEPTOS_SITE_ADDR=127.0.0.1:${port}`,
  `DATABASE=rocksdb://${db}`,
  `MENTORBRO_UPLOADS=../target/e2e-uploads`,
  `MENTORBRO_LOG=warn`,
].join(" ");

export const ADMIN = { email: "admin@e2e.mentorbro.test", password: "e2e-admin-password" };
export const COORDINATOR = { email: "coordinator@e2e.mentorbro.test", password: "e2e-coordinator-password" };
export const PROGRAMME_SLUG = "aarhus-spouses";
/** Sessions logged in once by the global setup. */
export const SESSIONS = { admin: "../target/e2e-admin.json", coordinator: "../target/e2e-coordinator.json" };

const chromium = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  // A debug build hydrates each page in a few seconds on a busy 2-core machine;
  // tests that open several pages need more than 30 s there.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // What people do on a phone runs on both screens: applying, the course,
    // workshops, surveys, the board by touch. Tests tagged @desktop check what
    // the server does (refusals, sessions, erasure) or the coordinator's desk
    // work (import, reports, invitations), which the screen size does not change.
    {
      name: "phone",
      grepInvert: /@desktop/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 375, height: 740 }, launchOptions: chromium },
    },
  ],
  webServer: {
    command:
      `rm -rf ${db} && env ${env} MENTORBRO_ADMIN_PASSWORD=${ADMIN.password} ${bin} create-admin --email ${ADMIN.email} ` +
      `&& exec env ${env} ${bin}`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
