// Measures the matching board as a coordinator feels it: how long the board
// takes to open and render, how long a move takes from the drop until the
// server has saved it, and until a second coordinator's board shows it.
//
// Start a server with demo data of the size to measure, then run this with
// Node from end2end/ (for Playwright):
//
//   target/debug/mentorbro demo-data --mentees 300 --mentors 200   # empty database
//   target/debug/mentorbro &                                         # serves on MENTORBRO_ADDR
//   (cd end2end && node ../bench/board.mjs http://127.0.0.1:3000 40)
//
// The second argument is the number of moves timed. With --json the figures
// are printed as one JSON object instead of a table (bench/suite.mjs reads it).
import { createRequire } from "node:module";

// Playwright comes from end2end/node_modules, the directory this runs in.
const { chromium } = createRequire(`${process.cwd()}/`)("@playwright/test");

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const json = process.argv.includes("--json");
const base = positional[0] ?? "http://127.0.0.1:3000";
const moves = Number(positional[1] ?? 40);
const board = "/coordinator/cohorts/demo-spring-2027/board";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

async function coordinator() {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1600, height: 1000 } });
  const login = await context.request.post("/api/login", {
    form: { email: "coordinator@demo.mentorbro.dk", password: "mentorbro-demo" },
  });
  if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
  return context.newPage();
}

async function open(page) {
  const started = Date.now();
  await page.goto(board);
  await page.locator('[data-board="ready"]').waitFor({ timeout: 60_000 });
  const ready = Date.now() - started;
  const cards = await page.locator(".board__card").count();
  const columns = await page.locator("section.board__column").count();
  return { ready, cards, columns };
}

// Nearest rank: a value that was actually measured.
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
};

const a = await coordinator();
const b = await coordinator();
const first = await open(a);
const second = await open(b);

const persisted = [];
const seen = [];
for (let i = 0; i < moves; i++) {
  const pool = a.locator('section.board__column[data-target="pool"] .board__card');
  if ((await pool.count()) === 0) break;
  const card = pool.first();
  const mentee = await card.getAttribute("data-mentee");
  await card.getByRole("button", { name: /^Move .* to…$/ }).click();
  const select = a.locator("#move-target");
  const values = await select.locator("option").evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
  // The first mentor (best fit first) that still has room.
  let moved = false;
  for (const value of values.slice(0, 20)) {
    const full = await a.locator(`section.board__column[data-target="${value}"].board__column--full`).count();
    if (full) continue;
    await select.selectOption(value);
    const started = Date.now();
    await a.locator("#move-confirm").click();
    await a.locator(`section.board__column[data-target="${value}"] [data-mentee="${mentee}"]`).first().waitFor();
    await a.locator(".board__card--pending").waitFor({ state: "detached" });
    persisted.push(Date.now() - started);
    await b.locator(`section.board__column[data-target="${value}"] [data-mentee="${mentee}"]`).first().waitFor({ timeout: 10_000 });
    seen.push(Date.now() - started);
    moved = true;
    break;
  }
  if (!moved) break;
}

await browser.close();
if (persisted.length === 0) throw new Error("no move could be made: the pool is empty or every mentor is full");

if (json) {
  const summary = (values) => ({
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
    values,
  });
  const figures = {
    cards: first.cards,
    mentor_columns: first.columns - 1,
    open_ms: { first: first.ready, second: second.ready },
    moves_asked: moves,
    saved_ms: summary(persisted),
    second_board_ms: summary(seen),
  };
  console.log(JSON.stringify(figures, null, 2));
} else {
  const row = (name, values) =>
    `| ${name} | ${values.length} | ${percentile(values, 50)} | ${percentile(values, 95)} | ${Math.max(...values)} |`;
  console.log(`board: ${first.cards} mentee cards, ${first.columns - 1} mentor columns`);
  console.log(`open and render (first coordinator): ${first.ready} ms; second coordinator: ${second.ready} ms`);
  console.log("| measure | moves | p50 ms | p95 ms | max ms |");
  console.log("| --- | --- | --- | --- | --- |");
  console.log(row("drop → saved and shown", persisted));
  console.log(row("drop → on the second coordinator's board", seen));
}
