import { request, type FullConfig } from "@playwright/test";
import { ADMIN, COORDINATOR, PROGRAMME_SLUG, SESSIONS } from "./playwright.config";

/**
 * Once per run, over HTTP: the administrator creates a coordinator, who
 * writes a public programme page. Logging in once keeps the admin well
 * under the login rate limit.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  const admin = await request.newContext({ baseURL });
  const login = await admin.post("/api/login", { form: { email: ADMIN.email, password: ADMIN.password } });
  if (!login.ok()) throw new Error(`admin login failed: ${login.status()} ${await login.text()}`);
  const created = await admin.post("/api/create_account", {
    form: { name: "Camilla Thorsen", email: COORDINATOR.email, role: "coordinator", password: COORDINATOR.password },
  });
  if (!created.ok()) throw new Error(`coordinator not created: ${await created.text()}`);

  const coordinator = await request.newContext({ baseURL });
  await coordinator.post("/api/login", { form: { email: COORDINATOR.email, password: COORDINATOR.password } });
  const page = await coordinator.post("/api/save_programme", {
    data: {
      original_slug: null,
      page: {
        slug: PROGRAMME_SLUG,
        name: "Mentor programme for international spouses",
        organisation: "Erhverv Aarhus",
        contact_email: "mentor@erhvervaarhus.dk",
        contact_phone: "+45 12 34 56 78",
        next_start: "2099-02-01",
        deadline: "2099-01-10",
        places: "35",
        intake: "open",
        en: {
          intro: "A 3–4 month course with a volunteer mentor from local business.",
          audience: "Spouses of international employees in Aarhus.",
          how_it_works: "Apply, meet your mentor, join the workshops.",
          faq: "Who can apply?\nSpouses of international employees.\n\nWhat does it cost?\nNothing.",
        },
        da: {
          intro: "Et forløb på 3–4 måneder med en frivillig mentor fra det lokale erhvervsliv.",
          audience: "Ægtefæller til internationale medarbejdere i Aarhus.",
          how_it_works: "Søg, mød din mentor, deltag i workshops.",
          faq: "Hvem kan søge?\nÆgtefæller til internationale medarbejdere.\n\nHvad koster det?\nIntet.",
        },
      },
    },
  });
  if (!page.ok()) throw new Error(`programme page not saved: ${await page.text()}`);
  // Saved sessions, so tests need not log in again: the login rate limit counts every attempt.
  await admin.storageState({ path: SESSIONS.admin });
  await coordinator.storageState({ path: SESSIONS.coordinator });
  await admin.dispose();
  await coordinator.dispose();
}
