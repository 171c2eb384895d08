import { expect, test, type Browser, type Page } from "@playwright/test";
import { SESSIONS } from "../playwright.config";
import { accessibleInBothLanguages, coordinatorPage, switchTo, waitForHydration } from "./helpers";

/** The row of one budget line in the spent-vs-budget table. */
function line(page: Page, name: string) {
  return page.locator(".budget-table tbody tr", { has: page.getByRole("rowheader", { name, exact: true }) });
}

test("a coordinator sets the grant and lines, enters expenses and sees spent vs budget", async ({ browser, baseURL }, info) => {
  test.setTimeout(90_000);
  // Both projects share one server: each keeps its own year.
  const year = info.project.name === "phone" ? 2098 : 2097;
  const page = await coordinatorPage(browser, baseURL);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Budget" }).click();
  await expect(page.getByRole("heading", { name: "Budget", level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Year").fill(String(year));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
  await expect(page.getByRole("heading", { name: `Budget of Mentor programme for international spouses, ${year}`, level: 2 })).toBeVisible();
  await expect(page.getByText("No grant set for this year yet.")).toBeVisible();

  // The lines may not add up to more than the grant.
  await page.getByRole("textbox", { name: "Grant", exact: true }).fill("450.000");
  for (const [name, amount] of [
    ["Communication", "50.000"],
    ["Mentor recruitment", "100.000"],
    ["Matching", "50.000"],
    ["Workshops", "100.000"],
    ["Coordination", "150.000"],
    ["Other", "0,01"],
  ]) {
    await page.getByRole("textbox", { name, exact: true }).fill(amount);
  }
  await page.getByRole("button", { name: "Save grant and lines" }).click();
  await expect(page.locator("#field-lines-error")).toContainText("more than the grant of DKK 450,000.00");
  await page.getByRole("textbox", { name: "Other", exact: true }).fill("");
  await page.getByRole("button", { name: "Save grant and lines" }).click();
  await expect(page.getByText("The grant and budget lines are saved.")).toBeVisible();
  await expect(line(page, "Workshops")).toContainText("DKK 100,000.00");

  // A bad amount is refused beside its field; a good one is entered.
  await page.getByRole("textbox", { name: "Date", exact: true }).fill(`${year}-03-01`);
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill("12.34.5");
  await page.getByRole("combobox", { name: "Category", exact: true }).selectOption({ label: "Workshops" });
  await page.getByLabel("Note").fill("Room hire, March workshop");
  await page.getByRole("button", { name: "Save expense" }).click();
  await expect(page.locator("#field-amount-error")).toContainText("could not be read");
  await expect(page.getByRole("textbox", { name: "Amount", exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill("1 234,50");
  await page.getByRole("button", { name: "Save expense" }).click();
  await expect(page.getByText("The expense is saved.")).toBeVisible();
  await expect(line(page, "Workshops")).toContainText("DKK 1,234.50");
  await expect(line(page, "Workshops")).toContainText("DKK 98,765.50");
  await expect(line(page, "Workshops")).toContainText("1.2 %");

  // More than a line's budget is marked in words.
  await page.getByRole("textbox", { name: "Date", exact: true }).fill(`${year}-04-01`);
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill("60000");
  await page.getByRole("combobox", { name: "Category", exact: true }).selectOption({ label: "Matching" });
  await page.getByRole("button", { name: "Save expense" }).click();
  await expect(line(page, "Matching")).toContainText("over budget");
  await expect(line(page, "Matching")).toContainText("−DKK 10,000.00");
  await expect(page.locator(".budget-expenses tbody tr").first()).toContainText("DKK 60,000.00");

  // The list filters by category.
  await page.getByLabel("Show category").selectOption({ label: "Workshops" });
  await expect(page.locator(".budget-expenses tbody tr")).toHaveCount(1);
  await page.getByLabel("Show category").selectOption({ label: "All categories" });
  await expect(page.locator(".budget-expenses tbody tr")).toHaveCount(2);
  await accessibleInBothLanguages(page, "the budget");
  if (info.project.name === "phone") {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  }

  // Change one expense, delete the other after confirming.
  await page.getByRole("button", { name: `Change the expense of DKK 1,234.50 on 1 March ${year}` }).click();
  await expect(page.getByRole("heading", { name: "Change the expense", level: 2 })).toBeFocused();
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill("1500");
  await page.getByRole("button", { name: "Save expense" }).click();
  await expect(line(page, "Workshops")).toContainText("DKK 1,500.00");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Delete the expense of DKK 60,000.00 on 1 April ${year}` }).click();
  await expect(line(page, "Matching")).not.toContainText("over budget");
  await expect(page.locator(".budget-expenses tbody tr")).toHaveCount(1);

  // Amounts follow the page's language.
  await switchTo(page, "Dansk");
  await expect(line(page, "Workshops")).toContainText("1.500,00 kr.");
  await expect(page.locator(".budget-grant")).toContainText("450.000,00 kr.");
  await switchTo(page, "English");

  // After a reload everything is still there, and the log says who did what.
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator(".budget-grant")).toContainText("DKK 450,000.00");
  await expect(line(page, "Workshops")).toContainText("DKK 1,500.00");
  const expense = page.locator(".budget-expenses tbody tr");
  await expect(expense).toHaveCount(1);
  await expect(expense).toContainText("Room hire, March workshop");
  await expect(expense).toContainText("Camilla Thorsen");
  await expect(page.locator(".budget-history li").first()).toContainText("Expense deleted by Camilla Thorsen");
  await page.context().close();
});
