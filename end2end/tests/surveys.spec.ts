import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { PROGRAMME_SLUG, SESSIONS } from "../playwright.config";
import { accessibleInBothLanguages, coordinatorPage, logIn, menteeAnswers, PASSWORD, uniqueEmail, waitForHydration } from "./helpers";

/** A day `days` before today, as `YYYY-MM-DD` (UTC, as the server counts). */
function daysAgo(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

type Person = { name: string; email: string };

/**
 * Over HTTP: a cohort that ended 100 days ago (so its 3-month follow-up fell
 * due about 9 days ago), and a mentee accepted into it.
 */
async function endedCohortWithMentee(baseURL: string, cohort: string, name: string): Promise<Person> {
  const email = uniqueEmail("survey-mentee");
  const mentee = await request.newContext({ baseURL });
  const signedUp = await mentee.post("/api/sign_up", { form: { name, email, password: PASSWORD, role: "mentee" } });
  expect(signedUp.ok(), await signedUp.text()).toBeTruthy();
  const submitted = await mentee.post("/api/submit_mentee_application", {
    data: { answers: menteeAnswers(name), consent_version: 1 },
  });
  expect(submitted.ok(), await submitted.text()).toBeTruthy();
  const me = await (await mentee.post("/api/current_account", { form: {} })).json();
  await mentee.dispose();

  const coordinator = await request.newContext({ baseURL, storageState: SESSIONS.coordinator });
  const saved = await coordinator.post("/api/save_cohort", {
    data: {
      id: null,
      form: {
        programme: PROGRAMME_SLUG,
        name: cohort,
        start: daysAgo(190),
        end: daysAgo(100),
        places: "35",
        status: "completed",
      },
    },
  });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  const { id } = await saved.json();
  const decided = await coordinator.post("/api/decide_applications", {
    data: { accounts: [me.id], status: "accepted", reason: "", cohort: id },
  });
  expect(decided.ok(), await decided.text()).toBeTruthy();
  await coordinator.dispose();
  return { name, email };
}

test.describe.serial("surveys and outcomes", () => {
  const run = `${Date.now() % 100000}`;
  let cohort = "";
  let mentee: Person = { name: "", email: "" };

  test("a coordinator creates the standard set of surveys for a cohort", async ({ browser, baseURL }, info) => {
    cohort = `Surveys ${info.project.name} ${run}`;
    mentee = await endedCohortWithMentee(baseURL!, cohort, `Survey Mentee ${info.project.name} ${run}`);

    const page = await coordinatorPage(browser, baseURL);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
    await page.getByRole("link", { name: `Surveys ${cohort}` }).click();
    await expect(page.getByRole("heading", { name: `Surveys: ${cohort}`, level: 1 })).toBeVisible();
    await expect(page.getByText("No surveys yet.")).toBeVisible();
    await page.getByRole("button", { name: "Create the standard set" }).click();
    await expect(page.getByRole("status").getByText("5 surveys created.")).toBeVisible();
    for (const title of [
      "Pairing fit",
      "Halfway through the course",
      "End of the course",
      "Follow-up after 3 months",
      "Follow-up after 6 months",
    ]) {
      await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
    }
    // The editor of one survey: its questions, and the check of a choice's options.
    await page.getByRole("button", { name: "Edit Pairing fit" }).click();
    await expect(page.getByRole("heading", { name: "Survey", level: 2 })).toBeVisible();
    await expect(page.getByLabel("Options", { exact: false }).first()).toHaveValue(/Every week/);
    await accessibleInBothLanguages(page, "survey editor");
    await page.getByRole("button", { name: "Cancel" }).click();
    await accessibleInBothLanguages(page, "a cohort's surveys");
    await page.context().close();
  });

  test("the mentee answers the follow-up survey and records a job", async ({ browser }) => {
    const context = await browser.newContext({ viewport: test.info().project.use.viewport });
    const page = await context.newPage();
    await logIn(page, mentee.email, PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Surveys" }).click();
    await expect(page.getByRole("heading", { name: "My surveys", level: 1 })).toBeVisible();
    // Due: mid-course, end of course and the 3-month follow-up; not the 6-month one.
    await expect(page.getByRole("link", { name: "Follow-up after 3 months" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Follow-up after 6 months" })).toHaveCount(0);
    await accessibleInBothLanguages(page, "my surveys");

    await page.getByRole("link", { name: "Follow-up after 3 months" }).click();
    await expect(page.getByRole("heading", { name: "Follow-up after 3 months", level: 1 })).toBeVisible();
    await waitForHydration(page);
    // Sending without answers names what is missing.
    await page.getByRole("button", { name: "Send answers" }).click();
    await expect(page.getByText("Please fill in this field.").first()).toBeVisible();
    await page.getByRole("radio", { name: "4 – Agree", exact: true }).check();
    await page.getByLabel("What do you do now?").selectOption({ label: "Ordinary job" });
    await page.getByLabel("Hours per week").fill("37");
    await page.getByRole("group", { name: "Does the job match your education?" }).getByLabel("Yes").check();
    await page.getByLabel("Employer's industry").fill("Energy");
    await page.getByLabel("Date the job was found").fill(daysAgo(20));
    await page.getByRole("group", { name: "Does your family still live in the Aarhus area?" }).getByLabel("Yes").check();
    await accessibleInBothLanguages(page, "a follow-up survey being answered");
    await page.getByRole("button", { name: "Send answers" }).click();
    await expect(page.getByText("Thank you! Your answers are saved.")).toBeVisible();

    // Read-only afterwards, also after a reload.
    await page.reload();
    await expect(page.getByText("You have answered this survey. These are your answers.")).toBeVisible();
    await expect(page.getByRole("radio", { name: "4 – Agree", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "4 – Agree", exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Send answers" })).toHaveCount(0);
    await accessibleInBothLanguages(page, "an answered survey");
    await context.close();
  });

  test("the coordinator sees the outcome and the response rate", async ({ browser, baseURL }) => {
    const page = await coordinatorPage(browser, baseURL);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
    await page.getByRole("link", { name: `Outcomes ${cohort}` }).click();
    await expect(page.getByRole("heading", { name: `Outcomes: ${cohort}`, level: 1 })).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(mentee.name) });
    await expect(row).toContainText("Ordinary job · 37 h/week · Energy · matches their education");
    await expect(row).toContainText("Not recorded");
    await accessibleInBothLanguages(page, "outcomes");

    await row.getByRole("button", { name: `Record or correct ${mentee.name}` }).click();
    await expect(page.getByRole("heading", { name: `Outcomes of ${mentee.name}`, level: 2 })).toBeVisible();
    await expect(page.locator(".outcome-history")).toContainText("by the mentee, in a survey");
    await accessibleInBothLanguages(page, "recording an outcome");
    // A correction: the start of the course, recorded by the coordinator.
    await page.getByRole("combobox", { name: "Moment", exact: true }).selectOption({ label: "Start" });
    await page.getByRole("combobox", { name: "Employment", exact: true }).selectOption({ label: "Not working" });
    await page.getByRole("button", { name: "Save outcome" }).click();
    await expect(page.getByText("Outcome saved.")).toBeVisible();
    await expect(row).toContainText("Not working");

    await page.getByRole("link", { name: "Surveys", exact: true }).click();
    const followUp = page.locator("section.survey-report", {
      has: page.getByRole("heading", { name: "Follow-up after 3 months" }),
    });
    await expect(followUp).toContainText("Response rate: 1 of 1 answered (100 %)");
    await expect(followUp).toContainText("This survey has answers, so it can no longer be changed.");
    await followUp.getByText("Results").click();
    await expect(followUp).toContainText("Mean 4.0 of 5 (answers: 1)");
    await accessibleInBothLanguages(page, "survey results");
    await page.context().close();
  });
});
