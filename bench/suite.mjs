// The performance suite: what users feel, measured on loopback against the
// release build with generated data, each goal beside its figure. bench/run.sh
// builds what it needs and runs this from end2end/ (for Playwright):
//
//   node ../bench/suite.mjs [--quick] [--scale]
//
// --quick takes fewer samples and leaves docs/performance.md alone; --scale
// also runs `cargo bench -p server --bench scale`. The table goes to standard
// output, progress to standard error, every step's raw figures (JSON) and the
// servers' logs to target/bench-suite/. Exits non-zero when a step fails; a
// goal missed is not a failure, the table marks it "over".
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { BUDGET_BROTLI_BYTES, kilobytes, measureBundle } from "./bundle.mjs";
import { LAUNCH, MEASURES, PAGES, measurePages } from "./pages.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "target/bench-suite");
const bin = (name) => join(root, "target/release", name);

const quick = process.argv.includes("--quick");
const scale = process.argv.includes("--scale");
const plan = quick
  ? { loads: 3, demoMoves: 20, largeMoves: 20, seconds: { hello: 5, reads: 5, realistic: 5 } }
  : { loads: 10, demoMoves: 40, largeMoves: 200, seconds: { hello: 20, reads: 20, realistic: 30 } };

const GOALS = { fcp: 200, hydrated: 300, moveP95: 150, readsPerSecond: 10_000, readsP99: 20, rssMb: 150 };
const LARGE = { mentees: 300, mentors: 200 };

const note = (text) => console.error(`suite: ${text}`);

// ---- child processes ------------------------------------------------------

const children = new Set();

/** Runs a command to its end and returns its exit code and output. */
function run(command, args, { env = {}, cwd = root, inherit = false } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      children.delete(child);
      done({ code, stdout, stderr });
    });
  });
}

/** As `run`, failing with the command's last words unless it exits with 0. */
async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    // The first line names the command (the table shows it), the rest is its last words.
    const tail = result.stderr.trim().split("\n").slice(-8).join("\n");
    const line = [command, ...args].map((word) => (word.startsWith("/") ? basename(word) : word)).join(" ");
    throw new Error(`${line} exited with ${result.code}\n${tail}`);
  }
  return result;
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Waits until `url` answers 200; fails when `child` ends or a minute passes. */
async function answering(url, child, log) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${log}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`${url} did not answer within a minute; see ${log}`);
}

/**
 * Starts a server on a free loopback port (`args(port)`, `env(port)`), waits
 * until `ready` answers, runs `body(base, pid)` and stops the server.
 */
async function serving({ name, command, args, env, ready }, body) {
  const port = await freePort();
  const log = join(out, `${name}.log`);
  const output = openSync(log, "w");
  const child = spawn(command, args(port), {
    cwd: root,
    env: { ...process.env, ...env(port) },
    stdio: ["ignore", output, output],
  });
  children.add(child);
  try {
    const base = `http://127.0.0.1:${port}`;
    await answering(`${base}${ready}`, child, log);
    return await body(base, child.pid);
  } finally {
    await stop(child);
  }
}

/** SIGTERM (the server finishes its requests and closes the database), SIGKILL after 20 s. */
async function stop(child) {
  if (child.exitCode === null && child.signalCode === null) {
    const ended = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await ended;
    clearTimeout(timer);
  }
  children.delete(child);
}

// ---- databases ------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), "mentorbro-bench-"));
const storage = (dir) => ({ DATABASE: `rocksdb://${join(dir, "db")}`, MENTORBRO_UPLOADS: join(dir, "uploads") });

/** A fresh database filled by `mentorbro demo-data ARGS`: the seed each measure copies. */
async function seed(name, args) {
  const dir = join(work, name, "seed");
  await runOk(bin("mentorbro"), ["demo-data", ...args], { env: storage(dir) });
  return dir;
}

/**
 * Runs `body(base, pid)` against the release server on a fresh copy of a seed.
 * Every measure starts from the same data (board moves and the load
 * generator's setup change the board) and a fresh process: its login limiter
 * (five logins of one account a minute) is unused and its idle memory is that
 * of a server just started.
 */
let copies = 0;
async function mentorbro(seedDir, name, body) {
  const dir = join(dirname(seedDir), `run-${++copies}`);
  cpSync(seedDir, dir, { recursive: true });
  const server = {
    name,
    command: bin("mentorbro"),
    args: () => [],
    env: (port) => ({
      ...storage(dir),
      LEPTOS_OUTPUT_NAME: "mentorbro",
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_SITE_PKG_DIR: "pkg",
      MENTORBRO_LOG: "warn",
      MENTORBRO_ADDR: `127.0.0.1:${port}`,
    }),
    ready: "/healthz",
  };
  try {
    return await serving(server, body);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the table ------------------------------------------------------------

const rows = [];
const failures = [];

const row = (measure, goal, figure, verdict = "") => rows.push({ measure, goal, figure, verdict });
const atMost = (value, limit) => (value <= limit ? "met" : "over");
const atLeast = (value, limit) => (value >= limit ? "met" : "over");
const ms = (value) => `${Math.round(value)}`;
// Three significant figures or whole milliseconds, for figures measured in microseconds.
const fine = (value) => (value >= 100 ? `${Math.round(value)}` : `${Number(value.toPrecision(3))}`);

/** Runs one step; a failure becomes a row of the table and the suite goes on. */
async function step(name, body) {
  note(`${name}…`);
  const began = Date.now();
  try {
    await body();
    note(`${name}: done in ${Math.round((Date.now() - began) / 1000)} s`);
  } catch (error) {
    failures.push(name);
    // A command that failed says enough; a mistake in this script needs its stack.
    const plain = error instanceof Error && error.constructor === Error;
    note(`${name} FAILED: ${plain ? error.message : (error?.stack ?? error)}`);
    row(name, "", `failed: ${String(error?.message ?? error).split("\n")[0]}`, "failed");
  }
}

/** Keeps a step's raw figures beside the servers' logs. */
function keep(name, value) {
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
}

function markdown() {
  const lines = ["| measure | goal | measured | |", "| --- | --- | --- | --- |"];
  for (const r of rows) lines.push(`| ${r.measure} | ${r.goal || "–"} | ${r.figure} | ${r.verdict} |`);
  return lines.join("\n");
}

// ---- bundle and browser ---------------------------------------------------

function bundle() {
  const sizes = measureBundle(join(root, "target/site/pkg"));
  keep("bundle", sizes);
  const figure = (s) => `${kilobytes(s.raw)} / ${kilobytes(s.gzip)} / ${kilobytes(s.brotli)} KB`;
  for (const file of sizes.files.filter((file) => !file.lazy)) {
    row(`bundle: \`${file.file}\`, raw / gzip / brotli`, "", figure(file));
  }
  const { first, lazy, total } = sizes;
  row(`bundle: split pages' chunks, loaded when opened (${lazy.files} files), raw / gzip / brotli`, "", figure(lazy));
  row("bundle: whole app, raw / gzip / brotli", "", figure(total));
  row(
    "bundle: first visit, brotli (KB = 1000 bytes)",
    `≤ ${kilobytes(BUDGET_BROTLI_BYTES)} KB`,
    `${kilobytes(first.brotli)} KB (raw ${kilobytes(first.raw)}, gzip ${kilobytes(first.gzip)})`,
    atMost(first.brotli, BUDGET_BROTLI_BYTES),
  );
}

/** Page loads of `which` pages; `size` names a board other than the demo's. */
async function pages(seedDir, name, which, size = "") {
  const result = await mentorbro(seedDir, `server-${name}`, (base) =>
    measurePages({ base, runs: plan.loads, pages: which }),
  );
  keep(name, result);
  for (const page of result.pages) {
    for (const [key, measure] of MEASURES) {
      const m = page.measures[key];
      if (!m) continue;
      const goal = GOALS[key];
      row(
        `page load, ${page.name}${size}: ${measure}`,
        goal ? `p95 ≤ ${goal} ms` : "",
        `median ${ms(m.median)} · p95 ${ms(m.p95)} ms (${m.values.length} loads)`,
        goal ? atMost(m.p95, goal) : "",
      );
    }
    row(
      `page load, ${page.name}${size}: on the wire until ready (KB = 1000 bytes)`,
      "",
      `median ${kilobytes(page.bytes)} KB`,
    );
  }
}

/** `moves` timed moves on the board of the seed, by bench/board.mjs. */
async function board(seedDir, name, moves) {
  const figures = await mentorbro(seedDir, `server-${name}`, async (base) => {
    const script = join(root, "bench/board.mjs");
    const { stdout } = await runOk("node", [script, base, String(moves), "--json"], { cwd: process.cwd() });
    return JSON.parse(stdout);
  });
  keep(name, figures);
  const size = `${figures.cards} × ${figures.mentor_columns}`;
  const count = `${figures.saved_ms.count} of ${figures.moves_asked} moves`;
  const measures = [
    ["saved_ms", "drop → saved and shown"],
    ["second_board_ms", "drop → on a second coordinator's board"],
  ];
  for (const [key, measure] of measures) {
    const m = figures[key];
    row(
      `board ${size}: ${measure}`,
      `p95 ≤ ${GOALS.moveP95} ms`,
      `p50 ${ms(m.p50)} · p95 ${ms(m.p95)} ms (${count})`,
      atMost(m.p95, GOALS.moveP95),
    );
  }
}

// ---- server throughput and memory ------------------------------------------

/** One run of the load generator (bench/load); its JSON summary. */
async function load(name, base, pid, mix, users, seconds) {
  const json = join(out, `${name}.json`);
  const text = join(out, `${name}.txt`);
  rmSync(json, { force: true });
  const args = ["--url", base, "--mix", mix, "--users", `${users}`, "--seconds", `${seconds}`, "--json", json];
  if (pid) args.push("--pid", `${pid}`);
  const result = await run(bin("mentorbro-load"), args);
  writeFileSync(text, result.stdout + result.stderr);
  if (!existsSync(json)) throw new Error(`mentorbro-load exited with ${result.code}: ${result.stderr.trim()}`);
  const summary = JSON.parse(readFileSync(json, "utf8"));
  // It writes its summary also when requests failed (exit code 1): the
  // figures go in the table, and the suite fails.
  if (result.code !== 0) failures.push(`${name}: ${summary.errors} requests failed, see ${text}`);
  return summary;
}

const perSecond = (summary) => `${Math.round(summary.throughput_per_s).toLocaleString("en")} req/s`;
// The generator reports MiB; goals are in MB of 10⁶ bytes.
const megabytes = (mib) => mib * 1.048576;

const ceiling = { perSecond: undefined };
const memory = [];

async function hello() {
  const server = {
    name: "server-hello",
    command: bin("mentorbro-hello"),
    args: (port) => ["--addr", `127.0.0.1:${port}`],
    env: () => ({}),
    ready: "/",
  };
  const summary = await serving(server, (base) => load("load-hello", base, undefined, "hello", 64, plan.seconds.hello));
  ceiling.perSecond = summary.throughput_per_s;
  row("ceiling: axum hello world, 64 users GET `/`", "", `${perSecond(summary)} · p99 ${fine(summary.all.p99_ms)} ms`);
}

async function reads(seedDir) {
  const summary = await mentorbro(seedDir, "server-load-reads", (base, pid) =>
    load("load-reads", base, pid, "reads", 64, plan.seconds.reads),
  );
  memory.push(["64 users, reads", summary]);
  const ratio = summary.throughput_per_s / ceiling.perSecond;
  const share = ceiling.perSecond ? `, ${ratio.toFixed(2)} × the ceiling` : "";
  row(
    "server: read-only server functions, 64 users, throughput",
    `≥ ${GOALS.readsPerSecond.toLocaleString("en")} req/s`,
    `${perSecond(summary)}${share}, ${summary.errors} errors`,
    atLeast(summary.throughput_per_s, GOALS.readsPerSecond),
  );
  row(
    "server: read-only server functions, 64 users, p99",
    `≤ ${GOALS.readsP99} ms`,
    `${fine(summary.all.p99_ms)} ms (p50 ${fine(summary.all.p50_ms)})`,
    atMost(summary.all.p99_ms, GOALS.readsP99),
  );
}

async function realistic(seedDir) {
  const summary = await mentorbro(seedDir, "server-load-realistic", (base, pid) =>
    load("load-realistic", base, pid, "realistic", 200, plan.seconds.realistic),
  );
  memory.push(["200 users, realistic mix", summary]);
  const { p50_ms, p95_ms, p99_ms } = summary.all;
  const latency = `p50 ${fine(p50_ms)} · p95 ${fine(p95_ms)} · p99 ${fine(p99_ms)} ms`;
  const figure = `${perSecond(summary)} · ${latency}, ${summary.errors} errors`;
  row("server: realistic mix, 200 users", "", figure);
}

function memoryRows() {
  const measured = memory.filter(([, s]) => s.rss_idle_mib != null && s.rss_peak_mib != null);
  if (measured.length === 0) return;
  const idle = Math.max(...measured.map(([, s]) => s.rss_idle_mib));
  const [run, peak] = measured.reduce((a, b) => (b[1].rss_peak_mib > a[1].rss_peak_mib ? b : a));
  const peakMb = megabytes(peak.rss_peak_mib);
  const mb = (mib) => `${megabytes(mib).toFixed(0)} MB`;
  const privateIdle = Math.max(...measured.map(([, s]) => s.private_idle_mib));
  row("server memory (RSS) idle, just started", "", `${mb(idle)} (its own data ${mb(privateIdle)})`);
  row(
    "server memory (RSS) at the peak (MB = 10⁶ bytes)",
    `≤ ${GOALS.rssMb} MB`,
    `${peakMb.toFixed(0)} MB (${run})`,
    atMost(peakMb, GOALS.rssMb),
  );
  // RSS counts the pages of the program's code it has run; the kernel can drop them.
  row(
    "server memory at the peak: its own data (RssAnon), without pages mapped from files",
    "",
    `${mb(Math.max(...measured.map(([, s]) => s.private_peak_mib)))}`,
  );
}

// ---- scale ------------------------------------------------------------------

async function scaleBench() {
  const json = join(out, "scale.json");
  rmSync(json, { force: true });
  await runOk("cargo", ["bench", "-p", "server", "--bench", "scale"], {
    env: { MENTORBRO_BENCH_JSON: json },
    inherit: true,
  });
  const parsed = JSON.parse(readFileSync(json, "utf8"));
  // An array of rows, or an object holding one.
  const entries = Array.isArray(parsed) ? parsed : Object.values(parsed).find(Array.isArray);
  if (!entries?.length) throw new Error(`${json} holds no rows`);
  for (const { name, p50_ms, p95_ms, goal_ms } of entries) {
    const goal = goal_ms ?? undefined;
    row(
      `scale: ${name}`,
      goal !== undefined ? `p95 ≤ ${goal} ms` : "",
      `p50 ${fine(p50_ms)} · p95 ${fine(p95_ms)} ms`,
      goal !== undefined ? atMost(p95_ms, goal) : "",
    );
  }
}

// ---- the machine and docs/performance.md ------------------------------------

async function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const meminfo = readFileSync("/proc/meminfo", "utf8");
  const version = async (command, args) => (await runOk(command, args)).stdout.trim().split("\n")[0];
  return {
    cores: cpus().length,
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? "CPU model not given",
    memoryGib: Number(/^MemTotal:\s*(\d+) kB$/m.exec(meminfo)?.[1] ?? 0) / 1024 / 1024,
    rustc: await version("rustc", ["--version"]),
    chromium: await version(LAUNCH.executablePath, ["--version"]),
    commit: (await run("git", ["rev-parse", "--short", "HEAD"])).stdout.trim(),
    load: loadavg()[0],
  };
}

function header(started, host) {
  const date = started.toISOString().slice(0, 16).replace("T", " ");
  const kind = quick ? "quick run" : "full run";
  const samples =
    `${plan.loads} loads per page, ${plan.demoMoves} and ${plan.largeMoves} moves, ` +
    `load runs of ${plan.seconds.hello}, ${plan.seconds.reads} and ${plan.seconds.realistic} s`;
  return [
    `**Last run**: ${date} UTC, ${kind} (${samples}), commit ${host.commit || "unknown"}, release build.`,
    "",
    `**Machine**: ${host.cores} cores (${host.cpu}), ${host.memoryGib.toFixed(1)} GiB memory, ` +
      `load average ${host.load.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end; ` +
      `${host.rustc}; ${host.chromium}.`,
  ].join("\n");
}

const BEGIN = "<!-- suite:begin -->";
const END = "<!-- suite:end -->";

// Used only when the file lacks the markers.
const SECTION = `## Performance suite

What users feel, measured on loopback against the release build with generated data, each goal
beside its figure. **Command** (from the repository root): \`bench/run.sh\` (see its header).

${BEGIN}
${END}`;

/** Puts `block` between the markers, adding the section after the title first if missing. */
function writeDocs(block) {
  const path = join(root, "docs/performance.md");
  let text = readFileSync(path, "utf8");
  if (!text.includes(BEGIN) || !text.includes(END)) {
    const at = text.search(/^## /m);
    text = at < 0 ? `${text.trimEnd()}\n\n${SECTION}\n` : `${text.slice(0, at)}${SECTION}\n\n${text.slice(at)}`;
  }
  const start = text.indexOf(BEGIN) + BEGIN.length;
  writeFileSync(path, `${text.slice(0, start)}\n${block}\n${text.slice(text.indexOf(END))}`);
}

// ---- the run ------------------------------------------------------------------

function cleanUp() {
  for (const child of children) child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const started = new Date();
  const host = await machine();
  note(`${quick ? "quick" : "full"} run; raw figures and logs in ${out}`);

  await step("bundle", bundle);
  let demo;
  await step("demo data", async () => (demo = await seed("demo", [])));
  if (demo) {
    await step("page loads", () => pages(demo, "pages", PAGES));
    await step(`${plan.demoMoves} board moves on the demo`, () => board(demo, "board-demo", plan.demoMoves));
  }
  await step("load: hello-world ceiling", hello);
  if (demo) {
    await step("load: reads", () => reads(demo));
    await step("load: realistic mix", () => realistic(demo));
  }
  memoryRows();
  let large;
  const size = ["--mentees", `${LARGE.mentees}`, "--mentors", `${LARGE.mentors}`];
  await step(`demo data ${LARGE.mentees} × ${LARGE.mentors}`, async () => (large = await seed("large", size)));
  if (large) {
    const boardPage = PAGES.filter((page) => page.board);
    const label = ` (${LARGE.mentees} × ${LARGE.mentors})`;
    await step("page loads, large board", () => pages(large, "pages-large", boardPage, label));
    await step(`${plan.largeMoves} board moves, large board`, () => board(large, "board-large", plan.largeMoves));
  }
  if (scale) await step("scale bench", scaleBench);
  else row("scale (`cargo bench -p server --bench scale`)", "", "not run (bench/run.sh --scale)");

  const block = `${header(started, host)}\n\n${markdown()}`;
  console.log(`\n${block}`);
  if (failures.length > 0) {
    note(`failed: ${failures.join("; ")}; docs/performance.md left as it was`);
    return 1;
  }
  if (quick) {
    note("quick run: docs/performance.md left as it was");
  } else {
    writeDocs(block);
    note("the table is in docs/performance.md");
  }
  return 0;
}

let status = 1;
try {
  status = await main();
} finally {
  cleanUp();
}
process.exit(status);
