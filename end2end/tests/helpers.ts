import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { SESSIONS } from "../playwright.config";

/** The password of every participant the tests sign up. */
export const PASSWORD = "a-long-enough-password";

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

/** Fails on any axe-core violation of WCAG 2.1 A/AA on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${what} has accessibility violations`).toEqual([]);
}

export async function switchTo(page: Page, language: "English" | "Dansk") {
  await page.getByRole("button", { name: language }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", language === "Dansk" ? "da" : "en");
}

/** Checks the page with axe in English and in Danish, and returns to English. */
export async function accessibleInBothLanguages(page: Page, what: string) {
  await expectAccessible(page, `${what} (English)`);
  await switchTo(page, "Dansk");
  await expectAccessible(page, `${what} (Danish)`);
  await switchTo(page, "English");
}

/** A page of a new browser context logged in as the coordinator, in English, at this project's screen size. */
export async function coordinatorPage(browser: Browser, baseURL: string | undefined, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    storageState: SESSIONS.coordinator,
    viewport: test.info().project.use.viewport,
    ...options,
  });
  const page = await context.newPage();
  await page.goto("/");
  await waitForHydration(page);
  // The coordinator's language is kept in the account; an earlier test may have left it Danish.
  if ((await page.locator("html").getAttribute("lang")) !== "en") await switchTo(page, "English");
  return page;
}

/** A complete mentee application; with `partner`, referred by that partner organisation. */
export function menteeAnswers(marker: string, partner?: string) {
  return {
    phone: "+45 12 34 56 78",
    postcode: "8200",
    country_of_origin: "Brazil",
    arrival_date: "2026-03-01",
    residence_basis: "accompanying_family",
    may_work: true,
    partner_employer: "Vestas",
    danish_level: "module1",
    english_level: "fluent",
    other_languages: [],
    education_level: "master",
    education_field: "Civil engineering",
    education_country: "Brazil",
    degree_assessment: "in_progress",
    years_experience: "8",
    industries: "Construction",
    target_industries: "Construction, Energy",
    target_roles: "Project engineer",
    skills: `Skills ${marker}`,
    help_wanted: ["network_introductions"],
    meeting_times: ["weekday_daytime"],
    meeting_modes: ["in_person"],
    goals: `Goals ${marker}`,
    ...(partner ? { heard_from: "partner", partner } : { heard_from: "friend" }),
  };
}
