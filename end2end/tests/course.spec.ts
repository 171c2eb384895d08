import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { PROGRAMME_SLUG, SESSIONS } from "../playwright.config";
import { expectAccessible, PASSWORD, switchTo, uniqueEmail, waitForHydration } from "./helpers";

const menteeAnswers = {
  phone: "+45 12 34 56 78",
  postcode: "8200",
  country_of_origin: "India",
  arrival_date: "2026-03-01",
  residence_basis: "accompanying_family",
  may_work: true,
  partner_employer: "Grundfos",
  danish_level: "module1",
  english_level: "fluent",
  other_languages: [],
  education_level: "master",
  education_field: "Marketing",
  education_country: "India",
  degree_assessment: "in_progress",
  years_experience: "6",
  industries: "Retail",
  target_industries: "Energy",
  target_roles: "Marketing coordinator",
  skills: "Campaigns",
  help_wanted: ["network_introductions"],
  meeting_times: ["weekday_daytime"],
  meeting_modes: ["in_person"],
  goals: "A marketing job in Aarhus",
  heard_from: "friend",
};

const mentorAnswers = {
  phone: "+45 87 65 43 21",
  company: "Vestas",
  role: "Marketing lead",
  industry: "Energy",
  years_experience: "15",
  danish_level: "native",
  english_level: "fluent",
  offers: ["industry_insight", "network_introductions"],
  capacity: "1",
  meeting_times: ["weekday_daytime"],
  meeting_modes: ["in_person", "online"],
  postcode: "8000",
  motivation: "I was new here once.",
};

type Person = { id: string; name: string; state: Awaited<ReturnType<import("@playwright/test").APIRequestContext["storageState"]>> };

/** Signs a participant up over HTTP with a submitted application; keeps their session. */
async function participant(baseURL: string, role: "mentee" | "mentor", name: string): Promise<Person> {
  const client = await request.newContext({ baseURL });
  const email = uniqueEmail(role);
  const signedUp = await client.post("/api/sign_up", { form: { name, email, password: PASSWORD, role } });
  expect(signedUp.ok(), await signedUp.text()).toBeTruthy();
  const saved =
    role === "mentee"
      ? await client.post("/api/submit_mentee_application", { data: { answers: menteeAnswers, consent_version: 1 } })
      : await client.post("/api/save_mentor_profile", { data: { answers: mentorAnswers, consent_version: 1 } });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  const account = await (await client.post("/api/current_account", { form: {} })).json();
  const state = await client.storageState();
  await client.dispose();
  return { id: account.id, name, state };
}

/** A published match of a new mentee and mentor in a new, running cohort. */
async function publishedPair(baseURL: string, tag: string) {
  const coordinator = await request.newContext({ baseURL, storageState: SESSIONS.coordinator });
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const cohort = await coordinator.post("/api/save_cohort", {
    data: { id: null, form: { programme: PROGRAMME_SLUG, name: `Course ${tag}`, start: day(-30), end: day(60), places: "10", status: "running" } },
  });
  expect(cohort.ok(), await cohort.text()).toBeTruthy();
  const cohortId = (await cohort.json()).id as string;
  const mentee = await participant(baseURL, "mentee", `Priya ${tag}`);
  const mentor = await participant(baseURL, "mentor", `Mads ${tag}`);
  const decided = await coordinator.post("/api/decide_applications", {
    data: { accounts: [mentee.id, mentor.id], status: "accepted", reason: "", cohort: cohortId },
  });
  expect(decided.ok(), await decided.text()).toBeTruthy();
  const moved = await coordinator.post("/api/move_mentee", { form: { cohort: cohortId, mentee: mentee.id, to: mentor.id } });
  expect(moved.ok(), await moved.text()).toBeTruthy();
  const published = await coordinator.post("/api/publish_board", { form: { cohort: cohortId } });
  expect(published.ok(), await published.text()).toBeTruthy();
  await coordinator.dispose();
  return { cohortId, mentee, mentor };
}

async function pageAs(browser: Browser, person: Person | string, path: string): Promise<Page> {
  const context = await browser.newContext({ storageState: typeof person === "string" ? person : person.state });
  const page = await context.newPage();
  await page.goto(path);
  await waitForHydration(page);
  return page;
}

test("a mentor logs a meeting and an introduction, the mentee confirms, the coordinator follows the pair", async ({ browser, baseURL }, info) => {
  test.setTimeout(120_000);
  const tag = `${info.project.name} ${Date.now()}`;
  const { cohortId, mentee, mentor } = await publishedPair(baseURL!, tag);

  // The mentor logs a meeting; a bad length is refused beside its field.
  const mentorPage = await pageAs(browser, mentor, "/course");
  await expect(mentorPage.getByRole("heading", { name: `With your mentee ${mentee.name} in Course ${tag}` })).toBeVisible();
  await expect(mentorPage.getByText("The course ends")).toBeVisible();
  await mentorPage.getByRole("button", { name: "Log a meeting" }).click();
  await mentorPage.getByLabel("Length in minutes").fill("2");
  await mentorPage.getByRole("checkbox", { name: "CV and application" }).check();
  await mentorPage.getByRole("checkbox", { name: "Network" }).check();
  await mentorPage.getByLabel("Notes (optional)").fill("Went through the CV and three companies to contact.");
  await mentorPage.getByRole("button", { name: "Save meeting" }).click();
  await expect(mentorPage.getByLabel("Length in minutes")).toHaveAttribute("aria-invalid", "true");
  await mentorPage.getByLabel("Length in minutes").fill("90");
  await expectAccessible(mentorPage, "course page with the meeting form");
  await mentorPage.getByRole("button", { name: "Save meeting" }).click();
  await expect(mentorPage.getByText("Went through the CV and three companies to contact.")).toBeVisible();
  await expect(mentorPage.getByText("Waiting for confirmation")).toBeVisible();

  // An introduction, then what came of it.
  await mentorPage.getByRole("button", { name: "Record an introduction" }).click();
  await mentorPage.getByLabel("Company or organisation").fill("Arla Foods");
  await mentorPage.getByLabel("The person's role (optional)").fill("Head of marketing");
  await mentorPage.getByLabel("Kind").selectOption({ label: "Referral" });
  await mentorPage.getByRole("button", { name: "Save introduction" }).click();
  await expect(mentorPage.getByText(/Arla Foods, Head of marketing \(Referral\): Not yet known/)).toBeVisible();
  await mentorPage.getByRole("button", { name: "Edit Arla Foods" }).click();
  await mentorPage.getByLabel("What came of it").selectOption({ label: "Job interview" });
  await mentorPage.getByRole("button", { name: "Save introduction" }).click();
  await expect(mentorPage.getByText(/Arla Foods, Head of marketing \(Referral\): Job interview/)).toBeVisible();
  await switchTo(mentorPage, "Dansk");
  await expect(mentorPage.getByRole("heading", { name: "Mit forløb", level: 1 })).toBeVisible();
  await expectAccessible(mentorPage, "course page in Danish");
  await switchTo(mentorPage, "English");

  // The mentee sees it on the home page timeline and confirms it.
  const menteePage = await pageAs(browser, mentee, "/");
  await expect(menteePage.getByRole("heading", { name: "My course", level: 2 })).toBeVisible();
  await expect(menteePage.getByText("Meeting (not yet confirmed)")).toBeVisible();
  await expect(menteePage.getByText("Introduction to Arla Foods")).toBeVisible();
  await expectAccessible(menteePage, "home page with the timeline");
  await expect(menteePage.getByRole("link", { name: "Log a meeting" })).toHaveAttribute("href", "/course");
  await menteePage.goto("/course");
  await waitForHydration(menteePage);
  await expect(menteePage.getByRole("heading", { name: `With your mentor ${mentor.name} in Course ${tag}` })).toBeVisible();
  await menteePage.getByRole("button", { name: "Confirm this meeting" }).click();
  await expect(menteePage.getByText(/· Confirmed$/)).toBeVisible();
  await expect(menteePage.getByRole("button", { name: "Record an introduction" })).toHaveCount(0);
  await mentorPage.reload();
  await waitForHydration(mentorPage);
  await expect(mentorPage.getByText(/· Confirmed$/)).toBeVisible();

  // The coordinator sees the pair's activity, in both languages.
  const coordinatorPage = await pageAs(browser, SESSIONS.coordinator, `/coordinator/cohorts/${cohortId}/course`);
  const row = coordinatorPage.getByRole("row", { name: new RegExp(mentee.name) });
  await expect(row).toContainText("1 (1)");
  await expect(row).toContainText("1.5");
  await expectAccessible(coordinatorPage, "cohort course");
  await switchTo(coordinatorPage, "Dansk");
  await expect(coordinatorPage.getByRole("heading", { name: `Forløbet i Course ${tag}` })).toBeVisible();
  await expectAccessible(coordinatorPage, "cohort course in Danish");
  await switchTo(coordinatorPage, "English");

  // Not a good fit: the coordinator ends the match; the mentee goes back to the pool.
  await row.getByRole("button", { name: /End match/ }).click();
  await coordinatorPage.getByLabel("Reason").selectOption({ label: "not a good fit" });
  await expect(coordinatorPage.getByText("The mentee goes back to the board's pool")).toBeVisible();
  await expectAccessible(coordinatorPage, "ending a match");
  await coordinatorPage.getByRole("button", { name: "End the match" }).click();
  await expect(coordinatorPage.getByText("waiting for a new mentor")).toBeVisible();
  await coordinatorPage.getByRole("link", { name: "Find a new mentor on the board" }).click();
  await expect(coordinatorPage.locator('section.board__column[data-target="pool"]')).toContainText(mentee.name);
  await menteePage.reload();
  await waitForHydration(menteePage);
  await expect(menteePage.getByText(/This match ended on .*: not a good fit/)).toBeVisible();
  await expect(menteePage.getByRole("button", { name: "Log a meeting" })).toHaveCount(0);
});
