import { expect, test, type Browser, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { waitForHydration } from "./helpers";

// Two Mentorbro servers, each its own process, over one SurrealDB server (the
// workspace's `dbserver`, SurrealDB's own server built from the surrealdb-server
// crate). A coordinator on one server moves a card; a coordinator on the other
// sees it move without reloading.

const base = Number(process.env.E2E_PORT ?? 3100) + 10;
const ports = { database: base, first: base + 1, second: base + 2 };
const database = [
  `DATABASE=ws://127.0.0.1:${ports.database}`,
  "DATABASE_USER=root",
  "DATABASE_PASSWORD=replica-test-root",
];
const site = ["LEPTOS_OUTPUT_NAME=mentorbro", "LEPTOS_SITE_ROOT=../target/site", "LEPTOS_SITE_PKG_DIR=pkg", "MENTORBRO_LOG=warn"];
const DEMO = { coordinator: "coordinator@demo.mentorbro.dk", admin: "admin@demo.mentorbro.dk", password: "mentorbro-demo" };

function env(extra: string[]): NodeJS.ProcessEnv {
  const values = Object.fromEntries([...database, ...site, ...extra].map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
  return { ...process.env, ...values };
}

/** Resolves once something accepts connections on `port`. */
async function listening(port: number, what: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on port ${port}`);
}

function server(port: number): ChildProcess {
  return spawn("../target/debug/mentorbro", [], { env: env([`MENTORBRO_ADDR=127.0.0.1:${port}`]), stdio: "inherit" });
}

async function coordinatorOn(browser: Browser, port: number, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My account" })).toBeVisible();
  await page.goto("/coordinator/cohorts");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Matching board Spring 2027" }).click();
  await expect(page.locator('[data-board="ready"]')).toBeVisible();
  return page;
}

test.describe("two app servers over one SurrealDB server", () => {
  const children: ChildProcess[] = [];

  test.beforeAll(async ({}, info) => {
    test.skip(info.project.name !== "desktop", "one run is enough: the screen size does not matter here");
    test.setTimeout(120_000);
    const surreal = spawn(
      "../target/debug/dbserver",
      ["start", "--no-banner", "--log", "error", "--bind", `127.0.0.1:${ports.database}`, "--user", "root", "--pass", "replica-test-root", "memory"],
      { stdio: "inherit" },
    );
    children.push(surreal);
    await listening(ports.database, "the SurrealDB server", surreal);
    const demo = spawnSync("../target/debug/mentorbro", ["demo-data"], { env: env([]), encoding: "utf8" });
    expect(demo.status, demo.stderr).toBe(0);
    for (const port of [ports.first, ports.second]) {
      const child = server(port);
      children.push(child);
      await listening(port, `mentorbro on ${port}`, child);
    }
  });

  test.afterAll(() => {
    for (const child of children.reverse()) child.kill("SIGKILL");
  });

  test("a move on one server's board shows on the other's", async ({ browser }) => {
    test.setTimeout(90_000);
    const first = await coordinatorOn(browser, ports.first, DEMO.coordinator);
    const second = await coordinatorOn(browser, ports.second, DEMO.admin);
    await expect(first.getByText(/Also on this board:/)).toBeVisible({ timeout: 20_000 });

    const pool = (page: Page) => page.locator('section.board__column[data-target="pool"]');
    const name = (await pool(first).locator(".board__card .board__name").first().textContent())!.trim();
    await first.getByRole("button", { name: `Move ${name} to…` }).click();
    // The first option is the pool; the second the best-fitting mentor.
    const target = (await first.locator("#move-target option").nth(1).getAttribute("value"))!;
    await first.locator("#move-target").selectOption({ index: 1 });
    await first.getByRole("button", { name: "Move", exact: true }).click();

    const moved = (page: Page) =>
      page.locator(`section.board__column[data-target="${target}"] .board__card`, { hasText: name });
    await expect(moved(first)).toBeVisible();
    await expect(moved(second)).toBeVisible({ timeout: 5_000 });
    await expect(pool(second).locator(".board__card", { hasText: name })).toHaveCount(0);
  });
});
