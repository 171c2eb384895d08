import { expect, request, test, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { SESSIONS } from "../playwright.config";
import { coordinatorPage, expectAccessible, logIn, menteeAnswers, PASSWORD, switchTo, uniqueEmail, waitForHydration } from "./helpers";

function mentorAnswers(capacity: number) {
  return {
    phone: "+45 87 65 43 21",
    company: "Vestas",
    role: "Engineering manager",
    industry: "Energy",
    years_experience: "15",
    danish_level: "native",
    english_level: "fluent",
    offers: ["industry_insight", "network_introductions"],
    capacity: String(capacity),
    meeting_times: ["weekday_daytime"],
    meeting_modes: ["in_person", "online"],
    postcode: "8000",
    motivation: "I was new here once.",
  };
}

type Person = { name: string; email: string };

/** Signs a participant up over HTTP and submits their application. */
async function participant(baseURL: string, role: "mentee" | "mentor", name: string, capacity = 1): Promise<Person> {
  const email = uniqueEmail(role);
  const client: APIRequestContext = await request.newContext({ baseURL });
  const signedUp = await client.post("/api/sign_up", { form: { name, email, password: PASSWORD, role } });
  expect(signedUp.ok(), await signedUp.text()).toBeTruthy();
  const saved =
    role === "mentee"
      ? await client.post("/api/submit_mentee_application", { data: { answers: menteeAnswers(name), consent_version: 1 } })
      : await client.post("/api/save_mentor_profile", { data: { answers: mentorAnswers(capacity), consent_version: 1 } });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  await client.dispose();
  return { name, email };
}

const card = (page: Page, name: string) =>
  page.locator(".board__card", { has: page.locator(".board__name", { hasText: name }) });
const column = (page: Page, mentor: string) =>
  page.locator("section.board__column", { has: page.getByRole("heading", { name: mentor, exact: true }) });
const announced = (page: Page) => page.locator(".board-page [role=status]");
const pool = (page: Page) => page.locator('section.board__column[data-target="pool"]');

/**
 * Drags a card by its handle with a finger: touch events on the handle,
 * ending over the target (phones do not fire HTML5 drag events for touch).
 */
async function touchDrag(page: Page, from: Locator, to: Locator) {
  await to.scrollIntoViewIfNeeded();
  const box = (await to.boundingBox())!;
  await from.locator(".board__handle").evaluate(
    (handle, [x, y]) => {
      const touch = () => new Touch({ identifier: 1, target: handle, clientX: x, clientY: y });
      const fire = (type: string, touches: Touch[]) =>
        handle.dispatchEvent(
          new TouchEvent(type, { bubbles: true, cancelable: true, touches, changedTouches: [touch()] }),
        );
      fire("touchstart", [touch()]);
      fire("touchmove", [touch()]);
      fire("touchend", []);
    },
    [box.x + box.width / 2, box.y + Math.min(box.height / 2, 20)],
  );
}

/** Drags with the mouse on wide screens, with a finger on phones. */
async function drag(page: Page, from: Locator, to: Locator) {
  if (test.info().project.name === "phone") await touchDrag(page, from, to);
  else await from.dragTo(to);
}

async function openBoard(page: Page, cohort: string) {
  await page.goto("/coordinator/cohorts");
  await waitForHydration(page);
  await page.getByRole("link", { name: `Matching board ${cohort}` }).click();
  await expect(page.locator('[data-board="ready"]')).toBeVisible();
}

test.describe.serial("the matching board", () => {
  const run = `${Date.now() % 100000}`;
  const cohort = `Board test ${run}`;
  let mentees: Person[] = [];
  let mentors: Person[] = [];

  test("a coordinator creates a cohort and accepts applications into it", async ({ browser, baseURL }, info) => {
    const tag = `${info.project.name} ${run}`;
    mentees = [];
    mentors = [];
    for (const letter of ["A", "B", "C", "D"]) mentees.push(await participant(baseURL!, "mentee", `Mentee ${letter} ${tag}`));
    for (const [n, capacity] of [[1, 1], [2, 1], [3, 2]]) {
      mentors.push(await participant(baseURL!, "mentor", `Mentor ${n} ${tag}`, capacity));
    }

    const page = await coordinatorPage(browser, baseURL);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
    await expect(page.getByRole("heading", { name: "Cohorts", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "New cohort" }).click();
    await page.getByLabel("Cohort name").fill(`${cohort} ${info.project.name}`);
    await page.getByLabel("Start date").fill("2027-02-01");
    await page.getByLabel("End date").fill("2027-01-01");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The end must come after the start, at most a year later.")).toBeVisible();
    await page.getByLabel("End date").fill("2027-05-31");
    await page.getByLabel("Industry", { exact: true }).selectOption({ label: "10" });
    await expectAccessible(page, "cohort form");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("link", { name: `Matching board ${cohort} ${info.project.name}` })).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
    await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
    // Only this run's people: their names carry the run's tag.
    await page.getByLabel("Name or email").fill(tag);
    await page.getByLabel("Industry", { exact: true }).fill("Energy");
    await expect(page.getByText(`${mentees.length + mentors.length} applications`)).toBeVisible();
    for (const person of [...mentees, ...mentors]) {
      await page.getByRole("checkbox", { name: `Select ${person.name}` }).check();
    }
    await expect(page.getByRole("heading", { name: `Decide ${mentees.length + mentors.length} selected` })).toBeVisible();
    await page.getByLabel("Into cohort").selectOption({ label: `${cohort} ${info.project.name}` });
    await expectAccessible(page, "review queue with a bulk decision");
    await page.getByRole("button", { name: "Save decision" }).click();
    for (const person of mentees) {
      await expect(page.getByRole("checkbox", { name: `Select ${person.name}` })).toHaveCount(0);
    }
  });

  test("drag a mentee onto a mentor (mouse, or touch on a phone); it stays after a reload; a full mentor refuses", async ({ browser, baseURL }, info) => {
    const name = `${cohort} ${info.project.name}`;
    const page = await coordinatorPage(browser, baseURL);
    await openBoard(page, name);
    await expectAccessible(page, "matching board");

    await drag(page, card(page, mentees[0].name), column(page, mentors[0].name));
    await expect(column(page, mentors[0].name).locator(".board__card")).toHaveCount(1);
    await expect(announced(page)).toContainText(`${mentees[0].name} moved to ${mentors[0].name}.`);
    await page.reload();
    await expect(page.locator('[data-board="ready"]')).toBeVisible();
    await expect(column(page, mentors[0].name).locator(".board__card", { hasText: mentees[0].name })).toBeVisible();

    // Mentor 1 takes one mentee: a second drop is refused and the card stays in the pool.
    await drag(page, card(page, mentees[1].name), column(page, mentors[0].name));
    await expect(page.getByRole("alert")).toContainText("This mentor already has 1 of 1 mentees.");
    await expect(pool(page).locator(".board__card", { hasText: mentees[1].name })).toBeVisible();
  });

  test("the same by keyboard alone, announced as it goes", async ({ browser, baseURL }, info) => {
    const name = `${cohort} ${info.project.name}`;
    const page = await coordinatorPage(browser, baseURL);
    await openBoard(page, name);
    const moving = card(page, mentees[1].name).locator(".board__grip");
    await moving.focus();
    await page.keyboard.press("Space");
    await expect(announced(page)).toContainText(`Picked up ${mentees[1].name}.`);
    // Targets run pool, Mentor 1, Mentor 2, Mentor 3 (by name); two steps reach Mentor 2.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(announced(page)).toContainText(`${mentors[1].name}: fit`);
    await page.keyboard.press("Escape");
    await expect(announced(page)).toContainText("Move cancelled.");
    await expect(pool(page).locator(".board__card", { hasText: mentees[1].name })).toBeVisible();

    await moving.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await expect(announced(page)).toContainText(`${mentees[1].name} moved to ${mentors[1].name}.`);
    await expect(column(page, mentors[1].name).locator(".board__card", { hasText: mentees[1].name })).toBeVisible();
    await expect(page.locator(`#card-${await moving.getAttribute("data-mentee")}`)).toBeFocused();
    await page.getByRole("button", { name: "Undo last move" }).click();
    await expect(pool(page).locator(".board__card", { hasText: mentees[1].name })).toBeVisible();
  });

  test("Suggest fills the board, publishing tells the mentee, who sees the match", async ({ browser, baseURL }, info) => {
    const name = `${cohort} ${info.project.name}`;
    const page = await coordinatorPage(browser, baseURL);
    await openBoard(page, name);
    await page.getByRole("button", { name: "Suggest pairs" }).click();
    await expect(page.getByRole("heading", { name: /Suggested pairs/ })).toBeVisible();
    await page.getByRole("button", { name: "Accept all" }).click();
    await expect(pool(page).locator(".board__card")).toHaveCount(0);
    await expect(page.locator(".board__column:not(.board__pool) .board__card")).toHaveCount(4);

    // A second coordinator on the same board sees the next move without reloading.
    const other = await coordinatorPage(browser, baseURL, { storageState: SESSIONS.admin });
    await openBoard(other, name);
    await expect(page.getByText(/Also on this board:/)).toBeVisible({ timeout: 20_000 });
    const mentor = (await page.locator(`.board__card`, { hasText: mentees[3].name }).locator("xpath=ancestor::section[1]").getAttribute("data-target"))!;
    await page.getByRole("button", { name: `Move ${mentees[3].name} to…` }).click();
    await page.locator("#move-target").selectOption({ index: 0 });
    await page.getByRole("button", { name: "Move", exact: true }).click();
    await expect(pool(page).locator(".board__card", { hasText: mentees[3].name })).toBeVisible();
    await expect(pool(other).locator(".board__card", { hasText: mentees[3].name })).toBeVisible({ timeout: 5_000 });
    expect(mentor).not.toBe("pool");
    await other.context().close();

    await page.getByRole("button", { name: /Publish 3 draft pairs/ }).click();
    await page.getByRole("button", { name: "Publish and send emails" }).click();
    await expect(announced(page)).toContainText("3 pairs published, 6 emails sent.");

    const matched = await page
      .locator("section.board__column", { has: card(page, mentees[0].name) })
      .getByRole("heading")
      .textContent();
    const mentee = await browser.newContext();
    const menteePage = await mentee.newPage();
    await logIn(menteePage, mentees[0].email, PASSWORD);
    await menteePage.goto("/");
    await expect(menteePage.getByRole("heading", { name: "Your match" })).toBeVisible();
    await expect(menteePage.getByText(matched!)).toBeVisible();
    await expectAccessible(menteePage, "mentee home with a match");
    await mentee.close();
  });
});
