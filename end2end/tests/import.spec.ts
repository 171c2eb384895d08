import { expect, test, type Browser, type Page } from "@playwright/test";
import { SESSIONS } from "../playwright.config";
import { expectAccessible, switchTo, waitForHydration } from "./helpers";

const HEADER =
  "Navn,E-mail,Telefon,Postnummer,Land,Ankomstdato,Opholdsgrundlag,Må arbejde,Dansk,Engelsk,Uddannelse,Erfaring,Ønskede brancher,Hjælp,Tidspunkter,Mødeform,Mål,Kilde";

function row(name: string, email: string, postcode: string): string {
  return `${name},${email},+45 12 34 56 78,${postcode},Brazil,01-03-2026,accompanying_family,ja,module1,fluent,upper_secondary,8,Construction,network_introductions,weekday_daytime,online,A job in construction,friend`;
}

async function pageAs(browser: Browser, state: string, path: string): Promise<Page> {
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  await page.goto(path);
  await waitForHydration(page);
  return page;
}

test("a coordinator imports a CSV with three bad rows, fixes them in the preview and finds the people in the review", { tag: "@desktop" }, async ({ browser }, info) => {
  // Three languages' worth of axe checks and an import: more than the default 30 s on a shared machine.
  test.setTimeout(120_000);
  const run = `${Date.now().toString(36)}${info.project.name}`;
  const people = ["Søren Ærø", "Ana Silva", "Bo Berg", "Chen Li", "Dina Øst"].map((name) => `${name} ${run}`);
  const email = (n: number) => `import${n}-${run}@e2e.mentorbro.test`;
  const csv = [
    HEADER,
    row(people[0], email(0), "8000"),
    row(people[1], email(1), "8200"),
    row(people[2], "not-an-email", "8000"),
    row(people[3], email(3), "80"),
    row(`=cmd|' /C calc'!A0`, email(4), "8000"),
  ].join("\r\n");

  const page = await pageAs(browser, SESSIONS.coordinator, "/coordinator/import");
  await expect(page.getByRole("heading", { name: "Import people", level: 1 })).toBeVisible();
  await expectAccessible(page, "import upload (English)");
  await page.getByLabel("Applicants (mentees)").check();
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and continue" }).click();

  await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
  await expect(page.getByLabel("Navn", { exact: true })).toHaveValue("name");
  await expect(page.getByLabel("E-mail")).toHaveValue("email");
  await expectAccessible(page, "import mapping (English)");
  await page.getByRole("button", { name: "Check the rows" }).click();

  await expect(page.getByRole("heading", { name: "Check the rows" })).toBeVisible();
  await expect(page.getByText("5 rows: 2 ready to import, 3 with problems, 0 already have an account.")).toBeVisible();
  const badEmail = page.getByRole("form", { name: "Row 4" });
  await expect(badEmail.getByText("Please enter a valid email address", { exact: false })).toBeVisible();
  await expect(page.getByRole("form", { name: "Row 5" }).getByText("Please enter a Danish postcode", { exact: false })).toBeVisible();
  await expect(page.getByRole("form", { name: "Row 6" }).getByText("starts like a spreadsheet formula", { exact: false })).toBeVisible();
  await expectAccessible(page, "import preview (English)");
  await switchTo(page, "Dansk");
  await expect(page.getByRole("heading", { name: "Rækker med problemer" })).toBeVisible();
  await expectAccessible(page, "import preview (Danish)");
  await switchTo(page, "English");

  await badEmail.getByLabel("Email").fill(email(2));
  await badEmail.getByRole("button", { name: "Save row 4" }).click();
  await expect(page.getByText("5 rows: 3 ready to import, 2 with problems")).toBeVisible();
  const badPostcode = page.getByRole("form", { name: "Row 5" });
  await badPostcode.getByLabel("Postcode").fill("8000");
  await badPostcode.getByRole("button", { name: "Save row 5" }).click();
  await expect(page.getByText("5 rows: 4 ready to import, 1 with problems")).toBeVisible();
  const formula = page.getByRole("form", { name: "Row 6" });
  await formula.getByLabel("Full name").fill(people[4]);
  await formula.getByRole("button", { name: "Save row 6" }).click();
  await expect(page.getByText("5 rows: 5 ready to import, 0 with problems")).toBeVisible();

  await page.getByRole("button", { name: "Import 5 people…" }).click();
  await expect(page.getByRole("heading", { name: "Import 5 people?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, import them" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  await expect(page.getByText("Created: 5")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("5 of 5 rows done");
  await expectAccessible(page, "import result (English)");

  await page.getByRole("link", { name: "Review the applications" }).click();
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
  for (const name of people) {
    await expect(page.getByText(name).first()).toBeVisible();
  }
});
