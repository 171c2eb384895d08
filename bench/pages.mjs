// How the main pages load for the people who use them: time to first byte,
// first contentful paint, the moment the app has hydrated the page (it sets
// data-hydrated="true" on <body>), and for the matching board the moment it
// is ready to use (data-board="ready"). Each page is loaded once to warm the
// server, then RUNS times, each in a fresh browser context: an empty HTTP
// cache, as on a first visit, so the WebAssembly is downloaded and compiled
// every time. Every time is the page's own performance clock (milliseconds
// since the navigation began), read from inside the page. Beside the times,
// the bytes the page and everything it fetched took on the wire until then
// (headers and compressed bodies, the Resource Timing `transferSize`).
//
// Start a server on the demo data, then run this with Node from end2end/
// (for Playwright):
//
//   (cd end2end && node ../bench/pages.mjs http://127.0.0.1:3000 10 [--json])
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const password = "mentorbro-demo";
const coordinator = "coordinator@demo.mentorbro.dk";

/** The pages measured, whom they are opened as, and whether to wait for the board. */
export const PAGES = [
  { name: "mentee portal home", path: "/", email: "mentee01@demo.mentorbro.dk" },
  { name: "matching board", path: "/coordinator/cohorts/demo-spring-2027/board", email: coordinator, board: true },
  { name: "cohort dashboard", path: "/coordinator/cohorts/demo-spring-2027/dashboard", email: coordinator },
  { name: "programme dashboard", path: "/coordinator/dashboard", email: coordinator },
];

/** The measures of one load, in the order reported. */
export const MEASURES = [
  ["ttfb", "time to first byte"],
  ["fcp", "first contentful paint"],
  ["hydrated", "hydrated"],
  ["ready", "board ready"],
];

export const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
};
const VIEWPORT = { width: 1600, height: 1000 };

/** Nearest-rank percentile: a value that was actually measured. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Runs in the page before any of its scripts: notes when the marks appear.
// An observer rather than polling from Node, so the time is the moment of the
// change, not of the next poll.
function watchMarks(board) {
  const marks = (window.__benchMarks = {});
  const look = () => {
    if (marks.hydrated === undefined && document.body?.getAttribute("data-hydrated") === "true") {
      marks.hydrated = performance.now();
    }
    if (board && marks.ready === undefined && document.querySelector('[data-board="ready"]')) {
      marks.ready = performance.now();
    }
    if (marks.hydrated !== undefined && (!board || marks.ready !== undefined)) observer.disconnect();
  };
  const observer = new MutationObserver(look);
  // childList too for the board: its section may be inserted already marked.
  observer.observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ["data-hydrated", "data-board"],
    childList: board,
  });
}

/**
 * Logs in once per account and keeps the session: the server allows five
 * logins of one account a minute, fewer than the loads need. Each fresh
 * context gets the session cookie and nothing else.
 */
async function sessions(browser, base) {
  const out = new Map();
  for (const email of new Set(PAGES.map((page) => page.email))) {
    const context = await browser.newContext({ baseURL: base });
    const login = await context.request.post("/api/login", { form: { email, password } });
    if (!login.ok()) throw new Error(`login as ${email} failed: ${login.status()}`);
    out.set(email, await context.storageState());
    await context.close();
  }
  return out;
}

/** One load of `page` in a fresh context: its measures in milliseconds. */
async function loadOnce(browser, base, page, storageState) {
  const context = await browser.newContext({ baseURL: base, viewport: VIEWPORT, storageState });
  try {
    await context.addInitScript(watchMarks, Boolean(page.board));
    const tab = await context.newPage();
    const response = await tab.goto(page.path);
    if (!response?.ok()) throw new Error(`${page.path}: HTTP ${response?.status()}`);
    if (new URL(tab.url()).pathname !== page.path) throw new Error(`${page.path}: sent to ${tab.url()}`);
    await tab.waitForFunction(
      (board) =>
        window.__benchMarks.hydrated !== undefined &&
        (!board || window.__benchMarks.ready !== undefined) &&
        performance.getEntriesByName("first-contentful-paint").length > 0,
      Boolean(page.board),
      { timeout: 60_000 },
    );
    return await tab.evaluate(() => {
      const navigation = performance.getEntriesByType("navigation")[0];
      const marks = window.__benchMarks;
      return {
        ttfb: navigation.responseStart,
        fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
        hydrated: marks.hydrated,
        ready: marks.ready,
        bytes: performance
          .getEntriesByType("resource")
          .reduce((total, entry) => total + entry.transferSize, navigation.transferSize),
      };
    });
  } finally {
    await context.close();
  }
}

/**
 * Loads every page of `pages` one warm-up time, then `runs` times.
 * Returns per page its name, path and, per measure, every value and the
 * median and p95 in milliseconds.
 */
export async function measurePages({ base, runs = 10, pages = PAGES }) {
  const { chromium } = createRequire(`${process.cwd()}/`)("@playwright/test");
  const browser = await chromium.launch(LAUNCH);
  try {
    const logins = await sessions(browser, base);
    const results = [];
    for (const page of pages) {
      await loadOnce(browser, base, page, logins.get(page.email));
      const loads = [];
      for (let i = 0; i < runs; i++) loads.push(await loadOnce(browser, base, page, logins.get(page.email)));
      const measures = {};
      for (const [key] of MEASURES) {
        const values = loads.map((load) => load[key]).filter((value) => value !== undefined);
        if (values.length === 0) continue;
        measures[key] = { values, median: percentile(values, 50), p95: percentile(values, 95) };
      }
      const bytes = percentile(
        loads.map((load) => load.bytes),
        50,
      );
      results.push({ name: page.name, path: page.path, runs, measures, bytes });
    }
    return { chromium: browser.version(), pages: results };
  } finally {
    await browser.close();
  }
}

/** The figures as a markdown table, one row per page and measure. */
export function pagesTable({ pages }) {
  const lines = ["| page | measure | loads | median ms | p95 ms |", "| --- | --- | ---: | ---: | ---: |"];
  for (const page of pages) {
    for (const [key, label] of MEASURES) {
      const m = page.measures[key];
      if (!m) continue;
      lines.push(`| ${page.name} | ${label} | ${m.values.length} | ${m.median.toFixed(0)} | ${m.p95.toFixed(0)} |`);
    }
    lines.push(`| ${page.name} | KB on the wire (median) | ${page.runs} | ${(page.bytes / 1000).toFixed(0)} | |`);
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const base = args[0] ?? "http://127.0.0.1:3000";
  const runs = Number(args[1] ?? 10);
  const result = await measurePages({ base, runs });
  if (process.argv.includes("--json")) console.log(JSON.stringify(result, null, 2));
  else console.log(`Chromium ${result.chromium}\n\n${pagesTable(result)}`);
}
