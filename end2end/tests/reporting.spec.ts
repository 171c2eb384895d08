import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ADMIN, PROGRAMME_SLUG, SESSIONS } from "../playwright.config";
import { accessibleInBothLanguages, coordinatorPage, logIn, menteeAnswers, PASSWORD, switchTo, uniqueEmail, waitForHydration } from "./helpers";

/**
 * Over HTTP: a partner organisation with a partner user, two mentees it
 * referred, and a cohort starting in 2031 with both accepted into it.
 */
async function seed(baseURL: string, run: string) {
  const admin = await request.newContext({ baseURL, storageState: SESSIONS.admin });
  const partner = await admin.post("/api/create_partner", {
    form: { name: `Referral Unit ${run}`, code: `ref-${run}`.toLowerCase() },
  });
  expect(partner.ok(), await partner.text()).toBeTruthy();
  const { id: partnerId } = await partner.json();
  const partnerUser = { email: uniqueEmail("partner"), password: PASSWORD };
  const created = await admin.post("/api/create_account", {
    form: { name: `Partner ${run}`, email: partnerUser.email, role: "partner", password: PASSWORD, partner: partnerId },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  await admin.dispose();

  const ids: string[] = [];
  const names: string[] = [];
  for (const n of [1, 2]) {
    const name = `Report Mentee ${n} ${run}`;
    const mentee = await request.newContext({ baseURL });
    const signedUp = await mentee.post("/api/sign_up", {
      form: { name, email: uniqueEmail("report-mentee"), password: PASSWORD, role: "mentee" },
    });
    expect(signedUp.ok(), await signedUp.text()).toBeTruthy();
    const submitted = await mentee.post("/api/submit_mentee_application", {
      data: { answers: menteeAnswers(name, partnerId), consent_version: 1 },
    });
    expect(submitted.ok(), await submitted.text()).toBeTruthy();
    ids.push((await (await mentee.post("/api/current_account", { form: {} })).json()).id);
    names.push(name);
    await mentee.dispose();
  }

  const cohort = `Report ${run}`;
  const coordinator = await request.newContext({ baseURL, storageState: SESSIONS.coordinator });
  const saved = await coordinator.post("/api/save_cohort", {
    data: {
      id: null,
      form: { programme: PROGRAMME_SLUG, name: cohort, start: "2031-02-01", end: "2031-05-31", places: "35", status: "matching" },
    },
  });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  const decided = await coordinator.post("/api/decide_applications", {
    data: { accounts: ids, status: "accepted", reason: "", cohort: (await saved.json()).id },
  });
  expect(decided.ok(), await decided.text()).toBeTruthy();
  await coordinator.dispose();
  return { cohort, names, partnerUser };
}

test.describe.serial("reporting", { tag: "@desktop" }, () => {
  // Seeding over HTTP and checking each page in two languages takes a while on a shared machine.
  test.describe.configure({ timeout: 120_000 });
  const run = `${Date.now() % 1000000}`;
  let seeded: Awaited<ReturnType<typeof seed>>;

  test("a coordinator reads a cohort's dashboard, prints the funder report and downloads its figures", async ({
    browser,
    baseURL,
  }, info) => {
    seeded = await seed(baseURL!, `${info.project.name}-${run}`);
    const { cohort } = seeded;
    const page = await coordinatorPage(browser, baseURL, { acceptDownloads: true });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
    await page.getByRole("link", { name: `Dashboard ${cohort}` }).click();
    await expect(page.getByRole("heading", { name: `Dashboard: ${cohort}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("img", { name: /From application to completion: \d+ applicants, 2 accepted/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /against the target of 70 %/ })).toBeVisible();
    const funnel = page.getByRole("table", { name: "Participants at each step" });
    await expect(funnel.getByRole("row", { name: "Accepted 2" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Share in work at each moment" })).toContainText("–");
    await expect(page.getByRole("table", { name: "By referring partner" })).toContainText(`Referral Unit`);
    await accessibleInBothLanguages(page, "a cohort's dashboard");

    // A target outside 1–100 is refused beside its field.
    await page.getByLabel("Target share in work (%)").fill("150");
    await page.getByRole("button", { name: "Save target" }).click();
    await expect(page.getByText("Please enter a whole number from 1 to 100.")).toBeVisible();

    await page.getByRole("link", { name: "Funder report" }).click();
    await expect(page.getByRole("heading", { name: `Report: ${cohort}`, level: 1 })).toBeVisible();
    await waitForHydration(page);
    await accessibleInBothLanguages(page, "the funder report");

    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Print / save as PDF" })).toBeHidden();
    await expect(page.getByRole("table", { name: "Participants at each step" })).toBeVisible();
    await expect(page.getByRole("img", { name: /against the target of 70 %/ })).toBeVisible();
    await page.emulateMedia({ media: "screen" });
    await expect(page.getByRole("button", { name: "Print / save as PDF" })).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download figures (CSV)" }).click();
    const file = await (await download).path();
    const csv = readFileSync(file!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Section,Figure,Number,Percent");
    expect(csv).toMatch(/Participants,Applicants,\d+,/);
    expect(csv).toContain("Participants,Accepted,2,");
    await page.context().close();
  });

  test("the programme dashboard shows a year of cohorts", async ({ browser, baseURL }) => {
    const page = await coordinatorPage(browser, baseURL, { acceptDownloads: true });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Programme dashboard", level: 1 })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel("Programme").selectOption(PROGRAMME_SLUG);
    await page.getByLabel("Year").selectOption("2031");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("heading", { name: /^Dashboard: .* 2031$/, level: 1 })).toBeVisible();
    // "Show" loads the chosen year as a new page.
    await waitForHydration(page);
    await expect(page.getByText(seeded.cohort, { exact: false }).first()).toBeVisible();
    await accessibleInBothLanguages(page, "the programme dashboard");
    await page.context().close();
  });

  test("a partner user sees only aggregates of the people it referred", async ({ browser }) => {
    const context = await browser.newContext({ viewport: test.info().project.use.viewport });
    const page = await context.newPage();
    await logIn(page, seeded.partnerUser.email, seeded.partnerUser.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Our figures" }).click();
    await expect(page.getByRole("heading", { name: "Referred participants", level: 1 })).toBeVisible();
    const funnel = page.getByRole("table", { name: "Participants" });
    await expect(funnel.getByRole("row", { name: "Applicants fewer than 5" })).toBeVisible();
    await expect(page.getByText("hidden (too few people)").first()).toBeVisible();
    for (const name of seeded.names) await expect(page.getByText(name)).toHaveCount(0);
    await accessibleInBothLanguages(page, "the partner view");
    await switchTo(page, "Dansk");
    await expect(page.getByText("færre end 5").first()).toBeVisible();
    await switchTo(page, "English");
    await context.close();
  });
});

test("the admin stays out of the partner view", { tag: "@desktop" }, async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: SESSIONS.admin });
  const page = await context.newPage();
  await page.goto("/partner");
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  await context.close();
  expect(ADMIN.email).toContain("@");
});
