import { expect, test, type Page } from "@playwright/test";
import { COORDINATOR, PROGRAMME_SLUG } from "../playwright.config";
import { expectAccessible, PASSWORD, switchTo, uniqueEmail, waitForHydration } from "./helpers";

async function signUp(page: Page, role: "mentee" | "mentor", name: string, email = uniqueEmail(role)) {
  await page.goto(`/signup?as=${role}`);
  await waitForHydration(page);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  return email;
}

test("a mentee completes the application, switching to Danish mid-way without losing input", async ({ page }) => {
  await signUp(page, "mentee", "Ana Souza");
  await expect(page.getByRole("heading", { name: "Step 1 of 4: About you" })).toBeVisible();
  await expectAccessible(page, "application step 1 (English)");

  await page.getByLabel("Postcode").fill("8000");
  await page.getByLabel("Country of origin").fill("Brazil");
  await page.getByLabel("Date of arrival in Denmark").fill("2026-03-01");

  // Half-way through the step, switch language: what was typed stays.
  await switchTo(page, "Dansk");
  await expect(page.getByRole("heading", { name: "Trin 1 af 4: Om dig" })).toBeVisible();
  await expect(page.getByLabel("Postnummer")).toHaveValue("8000");
  await expect(page.getByLabel("Oprindelsesland")).toHaveValue("Brazil");
  await expect(page.getByLabel("Dato for ankomst til Danmark")).toHaveValue("2026-03-01");
  await expectAccessible(page, "application step 1 (Danish)");
  await page.getByLabel("Grundlag for dit ophold i Danmark").selectOption({ label: "Medfølgende familiemedlem" });
  await page.getByLabel("Ja").check();
  await page.getByRole("button", { name: "Gem og fortsæt" }).click();

  await expect(page.getByRole("heading", { name: "Trin 2 af 4: Sprog og uddannelse" })).toBeVisible();
  await page.locator("#field-danish_level").selectOption({ label: "Danskuddannelse modul 2" });
  await page.locator("#field-english_level").selectOption({ label: "Flydende" });
  await page.getByRole("button", { name: "Tilføj et sprog" }).click();
  await page.getByLabel("Sprog 1", { exact: true }).fill("Portuguese");
  await page.getByLabel("Niveau i sprog 1").selectOption({ label: "Modersmål" });
  await page.getByLabel("Højeste uddannelse").selectOption({ label: "Kandidatuddannelse" });
  await page.getByLabel("Fagområde").fill("Civil engineering");
  await page.getByLabel("Land for uddannelse").fill("Brazil");
  await page.getByLabel("Er din uddannelse blevet vurderet i Danmark?").selectOption({ label: "Vurderingen er i gang" });
  await expectAccessible(page, "application step 2 (Danish)");

  await switchTo(page, "English");
  await expect(page.getByLabel("Field of study")).toHaveValue("Civil engineering");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page.getByRole("heading", { name: "Step 3 of 4: Work and goals" })).toBeVisible();
  await page.getByLabel("Years of work experience").fill("8");
  await page.getByLabel("Industries you want to work in").fill("Construction, Energy");
  await page.getByLabel("Introductions to my network").check();
  await page.getByLabel("Weekdays, daytime").check();
  await page.getByLabel("In person").check();
  await page.getByLabel("What do you want to achieve?").fill("A job as a project engineer in Aarhus.");
  await expectAccessible(page, "application step 3 (English)");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page.getByRole("heading", { name: "Step 4 of 4: CV and consent" })).toBeVisible();
  await page.getByLabel("CV").setInputFiles({
    name: "ana-cv.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
  });
  await expect(page.getByText("Your CV is saved:")).toBeVisible();
  await page.getByLabel("How did you hear about the programme?").selectOption({ label: "From a friend" });
  await expectAccessible(page, "application step 4 (English)");
  await page.getByRole("button", { name: "Submit application" }).click();
  // Consent is required: the message sits beside the box.
  await expect(page.locator("#field-consent-error")).toHaveText("Please read the text and tick the box to agree.");
  await page.getByLabel(/I have read how my data is used/).check();
  await page.getByRole("button", { name: "Submit application" }).click();

  await expect(page.getByRole("heading", { name: "My application" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();
  await expect(page.getByText("Construction, Energy")).toBeVisible();
  await expect(page.getByRole("link", { name: "ana-cv.pdf" })).toBeVisible();
  await expectAccessible(page, "my application (English)");
  await switchTo(page, "Dansk");
  await expect(page.getByText("Indsendt", { exact: true })).toBeVisible();
  await expectAccessible(page, "my application (Danish)");
});

test("invalid input shows the right message beside the right field", async ({ page }) => {
  await signUp(page, "mentee", "Lucas Oliveira");
  await expect(page.getByRole("heading", { name: "Step 1 of 4: About you" })).toBeVisible();
  await page.getByLabel("Phone").fill("call me");
  await page.getByLabel("Postcode").fill("80000");
  await page.getByLabel("Date of arrival in Denmark").fill("2099-01-01");
  await page.getByRole("button", { name: "Save and continue" }).click();

  const phone = page.getByLabel("Phone");
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-phone-error")).toHaveText(/phone number with 8 to 15 digits/);
  await expect(phone).toHaveAttribute("aria-describedby", /field-phone-error/);
  await expect(page.locator("#field-postcode-error")).toHaveText(/Danish postcode of four digits/);
  await expect(page.locator("#field-arrival_date-error")).toHaveText("This date cannot be in the future.");
  await expect(page.locator("#field-country_of_origin-error")).toHaveText("Please fill in this field.");
  // Still on step 1: nothing was lost and nothing saved.
  await expect(page.getByRole("heading", { name: "Step 1 of 4: About you" })).toBeVisible();
  await expect(page.getByLabel("Postcode")).toHaveValue("80000");

  await switchTo(page, "Dansk");
  await expect(page.locator("#field-postcode-error")).toHaveText(/dansk postnummer på fire cifre/);
  await expectAccessible(page, "application with errors (Danish)");
});

test("the application works by keyboard alone", async ({ page }) => {
  await signUp(page, "mentee", "Keyboard User");
  await expect(page.getByRole("heading", { name: "Step 1 of 4: About you" })).toBeVisible();
  await page.getByLabel("Phone").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.type("8200");
  await page.keyboard.press("Tab");
  await page.keyboard.type("India");
  await page.keyboard.press("Tab");
  await page.keyboard.type("03012026");
  // The date field keeps Tab for its own day, month and year parts.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.id)) === "field-residence_basis") break;
  }
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Postcode")).toHaveValue("8200");
  await expect(page.getByLabel("Country of origin")).toHaveValue("India");
  await expect(page.getByLabel("Date of arrival in Denmark")).toHaveValue("2026-03-01");
  await expect(page.getByLabel("Basis of your residence in Denmark")).not.toHaveValue("");
  await expect(page.getByLabel("Yes")).toBeChecked();
  await page.getByLabel("Your partner's employer").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Step 2 of 4: Languages and education" })).toBeFocused();
});

test("a mentor signs up and fills in the profile", async ({ page }) => {
  await signUp(page, "mentor", "Lars Nielsen");
  await expect(page.getByRole("heading", { name: "My mentor profile" })).toBeVisible();
  await expectAccessible(page, "mentor profile (English)");
  await page.getByRole("button", { name: "Save and sign up" }).click();
  await expect(page.locator("#field-company-error")).toHaveText("Please fill in this field.");
  await page.getByLabel("Company").fill("Vestas");
  await page.getByLabel("Your role").fill("Engineering manager");
  await page.locator("#field-industry").fill("Energy");
  await page.getByLabel("Years of work experience").fill("15");
  await page.locator("#field-danish_level").selectOption({ label: "Native" });
  await page.locator("#field-english_level").selectOption({ label: "Fluent" });
  await page.getByLabel("Insight into an industry").check();
  await page.getByLabel("How many mentees can you take?").fill("4");
  await page.getByLabel("Weekday evenings").check();
  await page.getByLabel("Online").check();
  await page.getByLabel("Postcode").fill("8000");
  await page.getByLabel("Why do you want to be a mentor?").fill("I was new in Denmark once.");
  await page.getByLabel(/I have read how my data is used/).check();
  await page.getByRole("button", { name: "Save and sign up" }).click();
  await expect(page.locator("#field-capacity-error")).toHaveText("Please enter a whole number from 1 to 3.");
  await page.getByLabel("How many mentees can you take?").fill("2");
  await switchTo(page, "Dansk");
  await expectAccessible(page, "mentor profile (Danish)");
  await page.getByRole("button", { name: "Gem og tilmeld" }).click();
  await expect(page.getByRole("heading", { name: "Min ansøgning" })).toBeVisible();
  await expect(page.getByText("Vestas")).toBeVisible();
});

test("a person downloads their data and then deletes their account", { tag: "@desktop" }, async ({ page }) => {
  const email = await signUp(page, "mentee", "Zuzana Novak");
  await expect(page.getByRole("heading", { name: "Step 1 of 4: About you" })).toBeVisible();
  await page.goto("/account");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Your data and your rights" })).toBeVisible();
  await expectAccessible(page, "my account (English)");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("mentorbro-my-data.json");
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const data = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  expect(data.account[0].email).toBe(email);
  expect(data.account[0].password_hash).toBeUndefined();

  await page.getByRole("link", { name: "See my data on a page" }).click();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page, "my data (English)");
  await switchTo(page, "Dansk");
  await expectAccessible(page, "my data (Danish)");
  await page.goto("/account");
  await waitForHydration(page);
  await expectAccessible(page, "my account (Danish)");
  await switchTo(page, "English");

  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.locator("#field-password-error")).toHaveText("Please fill in this field.");
  await page.getByLabel("Current password").last().fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.locator("#field-confirm-error")).toHaveText("Please fill in this field.");
  await page.getByLabel(/my account and personal data will be deleted/).check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not correct.");
});

test("public pages are accessible in both languages", async ({ page }) => {
  // Ten axe-core runs: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(90_000);
  for (const path of ["/", "/login", "/signup", "/privacy", `/p/${PROGRAMME_SLUG}`]) {
    await page.goto(path);
    await waitForHydration(page);
    await switchTo(page, "English");
    await expectAccessible(page, `${path} (English)`);
    await switchTo(page, "Dansk");
    await expectAccessible(page, `${path} (Danish)`);
  }
});

test.describe("without JavaScript", { tag: "@desktop" }, () => {
  test.use({ javaScriptEnabled: false });

  test("the programme page is readable in English and in Danish", async ({ page, context }) => {
    await page.goto(`/p/${PROGRAMME_SLUG}`);
    await expect(page.getByRole("heading", { name: "Mentor programme for international spouses" })).toBeVisible();
    await expect(page.getByText("A 3–4 month course with a volunteer mentor")).toBeVisible();
    await expect(page.getByText("Applications are open.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Apply as a mentee" })).toHaveAttribute("href", "/signup?as=mentee");
    await expect(page.getByRole("heading", { name: "Who can apply?" })).toBeVisible();

    await context.addCookies([{ name: "mentorbro_language", value: "da", url: page.url() }]);
    await page.goto(`/p/${PROGRAMME_SLUG}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "da");
    await expect(page.getByText("Et forløb på 3–4 måneder")).toBeVisible();
    await expect(page.getByRole("link", { name: "Søg som mentee" })).toBeVisible();
  });

  test("an unknown invitation link is refused with a clear message", async ({ page }) => {
    await page.goto("/invite/not-a-real-token");
    await expect(page.getByText("This invitation link is not valid.")).toBeVisible();
  });
});

test("a coordinator invites a mentor, whose link works once", { tag: "@desktop" }, async ({ page, browser }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(COORDINATOR.email);
  await page.getByLabel("Password").fill(COORDINATOR.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The coordinator's language is kept in the account: an earlier run may have left it Danish.
  await expect(page.getByRole("navigation").getByRole("button")).toBeVisible();
  await switchTo(page, "English");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
  await expectAccessible(page, "invitations (English)");
  const email = uniqueEmail("invited-mentor");
  await page.getByLabel("Full name").fill("Søren Holm");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Company").fill("Arla");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
  await expectAccessible(page, "applications (English)");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Programmes" }).click();
  await expect(page.getByRole("link", { name: "Mentor programme for international spouses" })).toBeVisible();
  await switchTo(page, "Dansk");
  await expectAccessible(page, "programmes (Danish)");

  const invited = await browser.newPage();
  await invited.goto(link);
  await waitForHydration(invited);
  await expect(invited.getByLabel("Email")).toHaveValue(email);
  await expect(invited.getByLabel("Full name")).toHaveValue("Søren Holm");
  await invited.getByLabel("Password").fill(PASSWORD);
  await invited.getByRole("button", { name: "Create my mentor account" }).click();
  await expect(invited.getByRole("heading", { name: "My mentor profile" })).toBeVisible();
  await expect(invited.locator("#field-company")).toHaveValue("Arla");
  await invited.close();

  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("This invitation has already been used.")).toBeVisible();
  await again.close();
});
