import { expect, request, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { SESSIONS } from "../playwright.config";
import { accessibleInBothLanguages, coordinatorPage, logIn, menteeAnswers, PASSWORD, uniqueEmail, waitForHydration } from "./helpers";

type Person = { name: string; email: string; id: string };

/** Signs a mentee up over HTTP and submits their application; returns their account. */
async function mentee(baseURL: string, name: string): Promise<Person> {
  const email = uniqueEmail("workshop-mentee");
  const client: APIRequestContext = await request.newContext({ baseURL });
  const signedUp = await client.post("/api/sign_up", { form: { name, email, password: PASSWORD, role: "mentee" } });
  expect(signedUp.ok(), await signedUp.text()).toBeTruthy();
  const saved = await client.post("/api/submit_mentee_application", {
    data: { answers: menteeAnswers(name), consent_version: 1 },
  });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  const me = await (await client.post("/api/current_account", { form: {} })).json();
  await client.dispose();
  return { name, email, id: me.id };
}

/** A cohort with the person accepted into it, made by the coordinator over HTTP; returns its key. */
async function cohortWith(baseURL: string, name: string, person: Person): Promise<string> {
  const coordinator = await request.newContext({ baseURL, storageState: SESSIONS.coordinator });
  const cohort = await coordinator.post("/api/save_cohort", {
    data: {
      id: null,
      form: { programme: "aarhus-spouses", name, start: "2099-02-01", end: "2099-05-31", places: "35", status: "running" },
    },
  });
  expect(cohort.ok(), await cohort.text()).toBeTruthy();
  const id = (await cohort.json()).id as string;
  const decided = await coordinator.post("/api/decide_applications", {
    data: { accounts: [person.id], status: "accepted", reason: "", cohort: id },
  });
  expect(decided.ok(), await decided.text()).toBeTruthy();
  await coordinator.dispose();
  return id;
}

test.describe.serial("workshops", () => {
  const run = `${Date.now() % 100000}`;
  let person: Person;
  let cohort: string;
  let title: string;

  test("a coordinator plans a workshop for a cohort", async ({ browser, baseURL }, info) => {
    const tag = `${info.project.name} ${run}`;
    person = await mentee(baseURL!, `Workshop Mentee ${tag}`);
    const cohortName = `Workshop cohort ${tag}`;
    cohort = await cohortWith(baseURL!, cohortName, person);
    title = `CV clinic ${tag}`;

    const page = await coordinatorPage(browser, baseURL);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
    await page.getByRole("link", { name: `Workshops ${cohortName}` }).click();
    await expect(page.getByRole("heading", { name: `Workshops: ${cohortName}`, level: 1 })).toBeVisible();
    await waitForHydration(page);
    await page.getByRole("button", { name: "New workshop" }).click();
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Description").fill("Bring your CV on paper or on a laptop.");
    await page.getByRole("textbox", { name: "Date", exact: true }).fill("2099-06-10");
    await page.getByLabel("Starts at").fill("17:00");
    await page.getByLabel("Places").fill("10");
    await page.getByRole("button", { name: "Save changes" }).click();
    // Neither a place nor a link: the form says so at the place.
    await expect(page.locator("#field-place-error")).toBeVisible();
    await page.getByRole("textbox", { name: "Place", exact: true }).fill("Erhverv Aarhus, Vestergade 55");
    await accessibleInBothLanguages(page, "workshop form");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
    await expect(page.getByRole("link", { name: `Check-in for ${title}` })).toBeVisible();
    await accessibleInBothLanguages(page, "a cohort's workshops");
  });

  test("a participant says yes and gets the calendar file and feed", async ({ page }) => {
    test.setTimeout(60_000);
    await logIn(page, person.email, PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workshops" }).click();
    await expect(page.getByRole("heading", { name: "Workshops", level: 1 })).toBeVisible();
    const item = page.locator(".workshop-item", { has: page.getByRole("heading", { name: title }) });
    await expect(item).toContainText("Erhverv Aarhus, Vestergade 55");
    await expect(item).toContainText("10 of 10 places free");
    await waitForHydration(page);
    await page.getByRole("button", { name: `I'm coming to ${title}` }).click();
    await expect(item.getByRole("status")).toHaveText("You are coming.");
    await expect(item).toContainText("9 of 10 places free");
    await expect(page.getByRole("button", { name: `I'm coming to ${title}` })).toHaveAttribute("aria-pressed", "true");

    const file = page.getByRole("link", { name: `Add to calendar (.ics): ${title}` });
    const href = (await file.getAttribute("href"))!;
    const ics = await page.request.get(href);
    expect(ics.ok()).toBeTruthy();
    expect(await ics.text()).toContain("DTSTART:20990610T150000Z");
    const feed = page.getByLabel("Calendar address");
    await expect(feed).toHaveValue(/\/calendar\/feed\/[0-9a-f]{32}\.ics$/);

    await page.reload();
    await waitForHydration(page);
    await expect(page.getByRole("button", { name: `I'm coming to ${title}` })).toHaveAttribute("aria-pressed", "true");
    await accessibleInBothLanguages(page, "the participant's workshops");
  });

  test("the coordinator checks in attendance on a 375 px wide screen", async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    const page = await coordinatorPage(browser, baseURL, { viewport: { width: 375, height: 740 } });
    await page.goto(`/coordinator/cohorts/${cohort}/workshops`);
    await waitForHydration(page);
    await page.getByRole("link", { name: `Check-in for ${title}` }).click();
    await expect(page.getByRole("heading", { name: `Check-in: ${title}`, level: 1 })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel("Find by name").fill(person.name.split(" ").slice(0, 2).join(" "));
    const toggle = page.getByRole("button", { name: new RegExp(person.name) });
    await expect(toggle).toContainText("Said yes");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    // Nothing on the page is wider than the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("status")).toHaveText("1 checked in, 1 said yes.");
    await accessibleInBothLanguages(page, "check-in");

    await page.reload();
    await waitForHydration(page);
    await expect(page.getByRole("button", { name: new RegExp(person.name) })).toHaveAttribute("aria-pressed", "true");
    await page.goto(`/coordinator/cohorts/${cohort}/workshops`);
    const item = page.locator(".workshop-item", { has: page.getByRole("heading", { name: title }) });
    await expect(item).toContainText("1 / 10");
  });
});
