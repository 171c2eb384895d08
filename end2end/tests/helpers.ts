import { expect, type Page } from "@playwright/test";

/** An email address no earlier run has used. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.mentorbro.test`;
}

/** Waits until the WebAssembly has hydrated the page, so clicks run client code. */
export async function waitForHydration(page: Page) {
  await page.locator("body[data-hydrated=true]").waitFor({ state: "attached", timeout: 20_000 });
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My account" })).toBeVisible();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Log in" })).toBeVisible();
}
