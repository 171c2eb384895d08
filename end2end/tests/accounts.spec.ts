import { expect, test } from "@playwright/test";
import { ADMIN } from "../playwright.config";
import { logIn, logOut, PASSWORD, uniqueEmail, waitForHydration } from "./helpers";

test("a mentee signs up, logs out, logs in and sees the mentee navigation", async ({ page }) => {
  const email = uniqueEmail("mentee");
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("a mentee: I am looking for work in Denmark").check();
  await page.getByLabel("Full name").fill("Priya Raman");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  // A new mentee goes straight to the application.
  await expect(page.getByRole("heading", { name: "Apply for a mentor" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome, Priya Raman" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByText("Mentee", { exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveCount(0);

  await logOut(page);
  await logIn(page, email, PASSWORD);
  await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "My account" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Accounts" })).toHaveCount(0);
});

test("sign-up shows clear messages for bad input", async ({ page }) => {
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("Full name").fill("Lucas Oliveira");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Please enter a valid email address")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill(uniqueEmail("short"));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("at least 8 characters").last()).toBeVisible();
});

test("a wrong password is refused without saying which part was wrong", { tag: "@desktop" }, async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not correct.");
});

test("the coordinator page refuses a mentee", { tag: "@desktop" }, async ({ page }) => {
  const email = uniqueEmail("curious-mentee");
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("Full name").fill("Mei Chen");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Apply for a mentor" })).toBeVisible();

  await page.goto("/coordinator");
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  await expect(page.getByText("You do not have access to this page.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("an admin creates a coordinator, who then sees the coordinator overview", { tag: "@desktop" }, async ({ page }) => {
  const email = uniqueEmail("coordinator");
  await logIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { name: "Accounts", level: 1 })).toBeVisible();
  await page.getByLabel("Full name").fill("Camilla Thorsen");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("coordinator");
  await page.getByLabel("Initial password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await logOut(page);

  await logIn(page, email, PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Programme overview" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Coordinator" })).toBeVisible();
});

test("an unknown address shows the not-found page with status 404, still logged in", { tag: "@desktop" }, async ({ page }) => {
  // A fresh account: the admin's login attempts are rate-limited like anyone's.
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("Full name").fill("Ahmed Hassan");
  await page.getByLabel("Email").fill(uniqueEmail("lost"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Apply for a mentor" })).toBeVisible();
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My account" })).toBeVisible();
});
