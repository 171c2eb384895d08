import { expect, test } from "@playwright/test";
import { accessibleInBothLanguages, logIn, PASSWORD, uniqueEmail, waitForHydration } from "./helpers";

test("logging out everywhere ends the login on every device", { tag: "@desktop" }, async ({ browser, baseURL }) => {
  const viewport = test.info().project.use.viewport;
  const email = uniqueEmail("everywhere");
  const laptop = await (await browser.newContext({ baseURL, viewport })).newPage();
  await laptop.goto("/signup");
  await waitForHydration(laptop);
  await laptop.getByLabel("a mentee: I am looking for work in Denmark").check();
  await laptop.getByLabel("Full name").fill("Noor Haddad");
  await laptop.getByLabel("Email").fill(email);
  await laptop.getByLabel("Password").fill(PASSWORD);
  await laptop.getByRole("button", { name: "Create account" }).click();
  await expect(laptop.getByRole("heading", { name: "Apply for a mentor" })).toBeVisible();

  const phone = await (await browser.newContext({ baseURL, viewport })).newPage();
  await logIn(phone, email, PASSWORD);

  await laptop.goto("/account");
  await waitForHydration(laptop);
  await expect(laptop.getByRole("heading", { name: "Where you are logged in" })).toBeVisible();
  await accessibleInBothLanguages(laptop, "the account page with log out everywhere");
  await laptop.getByRole("button", { name: "Log out everywhere" }).click();

  const nav = (page: typeof laptop) => page.getByRole("navigation", { name: "Main" });
  await expect(laptop).toHaveURL(/\/login$/);
  await expect(nav(laptop).getByRole("link", { name: "Log in" })).toBeVisible();

  // The other device finds itself logged out at its next request.
  await phone.goto("/account");
  await waitForHydration(phone);
  await expect(nav(phone).getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(nav(phone).getByRole("link", { name: "My account" })).toHaveCount(0);

  // The password still works: logging in again starts a new session.
  await logIn(laptop, email, PASSWORD);
});
