// `npm run bench`: what a reader's browser downloads and how long it waits when first using the SQL console,
// in headless Chromium against the built site served as `npm run preview` serves it (the build's
// precompressed Brotli/gzip copies, as a static host sends them). It prints, for /explore/: navigation →
// first result, activation → result (cold and warm), the bytes over the wire, the longest main-thread task
// before the reader acts, and how long the console takes to answer `SELECT * FROM range(10000000)`.
//   npx tsx bench/widgets.bench.ts [--dist <built site>] [--base /sub/]   (BENCH_RUNS=3 by default)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { extname, join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { normaliseBase } from "../src/site/base-path.ts";
import {
  DUCKDB_DIR,
  DUCKDB_WASM,
  DUCKDB_WORKER,
  DUCKDB_WORKER_SCRIPT,
  TRACK_IDS_DATABASE,
  TRACKS_DATABASE,
} from "../src/widgets/duckdb/files.ts";
import { CHROMIUM, chromiumAvailable } from "../test/support/browser.ts";
import { type ServedResponse, serveStatic } from "../test/support/server.ts";
import { distDir, ensureBuilt, expectedBase } from "../test/support/site.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The targets: first result within 2 s of navigation; ≤ 100 KB of gzipped JS before any widget is used. */
const TARGET_MS = 2000;
const JS_BUDGET = 100 * 1024;
/** How long a reader is assumed to spend on the page before running a query in the "read first" scenario. */
const READING_MS = 3000;
const CONSOLE = "[data-sql-console]";

const { values } = parseArgs({ options: { dist: { type: "string" }, base: { type: "string" } } });
if (!chromiumAvailable)
  throw new Error(`The widget bench needs Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
const root = values.dist ?? distDir;
const base = values.base ? normaliseBase(values.base) : expectedBase;
if (!values.dist) await ensureBuilt();

let responses: ServedResponse[] = [];
// One hour of caching stands in for a static host's validators, so a reload can use the HTTP cache.
const site = await serveStatic(root, base, {
  gzip: true,
  cacheControl: "public, max-age=3600",
  onResponse: (response) => responses.push(response),
});

/** "database" is the first database file; "ids" the second, which loads after the first answer. */
type Kind = "page" | "js" | "worker" | "wasm" | "database" | "ids";
function kind(path: string): Kind {
  if (path.endsWith(`${DUCKDB_DIR}/${DUCKDB_WORKER}`)) return "worker";
  if (path.endsWith(`${DUCKDB_DIR}/${DUCKDB_WORKER_SCRIPT}`)) return "worker";
  if (path.endsWith(`${DUCKDB_DIR}/${DUCKDB_WASM}`)) return "wasm";
  if (path.endsWith(`${DUCKDB_DIR}/${TRACKS_DATABASE}`)) return "database";
  if (path.endsWith(`${DUCKDB_DIR}/${TRACK_IDS_DATABASE}`)) return "ids";
  return extname(path) === ".js" ? "js" : "page";
}

/** DuckDB's start-up milestones (worker-start.ts's `duckdb:*` marks), in ms after navigation. */
const MILESTONES = ["worker", "downloaded", "instantiated", "ready", "ids"] as const;
type Milestones = Record<(typeof MILESTONES)[number] | "activate" | "result", number>;

/** The start-up phases the bench reports: a label, and the milestones it runs from and to. */
const PHASES: [string, (m: Milestones) => number, (m: Milestones) => number][] = [
  ["activate→worker", (m) => m.activate, (m) => m.worker],
  ["worker→db file", (m) => m.worker, (m) => m.downloaded],
  ["worker→wasm ready", (m) => m.worker, (m) => m.instantiated],
  ["→db open", (m) => m.instantiated, (m) => m.ready],
  // The result waits for both DuckDB and the click.
  ["→result", (m) => Math.max(m.ready, m.activate), (m) => m.result],
  // The track IDs' file, attached after the first answer: positive when the answer did not wait for it.
  ["result→ids", (m) => m.result, (m) => m.ids],
];

interface Sample {
  ms: number;
  milestones: Milestones;
  bytes: Record<Kind, number>;
  /** JavaScript received before the console was activated (gzipped bytes). */
  jsBeforeActivation: number;
  /** Navigation start → the first result shown (the result's performance mark). */
  navToResult: number;
  /** The longest main-thread task between navigation and activation, in ms (0 if none over 50 ms). */
  longestTask: number;
  requests: number;
}

function bytesByKind(list: ServedResponse[]): Record<Kind, number> {
  const totals: Record<Kind, number> = { page: 0, js: 0, worker: 0, wasm: 0, database: 0, ids: 0 };
  for (const response of list) totals[kind(response.path)] += response.bytes;
  return totals;
}

/** When each milestone happened, from the page's performance marks. */
function milestones(page: Page): Promise<Milestones> {
  // No local functions inside: tsx would wrap them in a helper that the page does not have.
  return page.evaluate((names) => {
    const marks: Record<string, number> = {};
    for (const name of [...names.map((n) => `duckdb:${n}`), "bench:activate", "sql-console:result"]) {
      marks[name.split(":")[1] === "result" ? "result" : (name.split(":")[1] as string)] =
        performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    }
    return marks as Milestones;
  }, MILESTONES);
}

/** Activates the console (clicks Run on the example query) and returns the ms until its result is shown. */
async function activate(page: Page): Promise<number> {
  await page.evaluate(() => {
    // A second activation on the same page measures itself only.
    performance.clearMarks("sql-console:result");
    performance.clearMarks("bench:activate");
    performance.mark("bench:activate");
  });
  await page.click(`${CONSOLE} [data-part="run"]`);
  await page.waitForFunction(() => performance.getEntriesByName("sql-console:result").length > 0, null, {
    timeout: 120_000,
  });
  const state = await page.$eval(CONSOLE, (element) => (element as HTMLElement).dataset.state);
  if (state !== "done") throw new Error(`the console ended in state ${state}`);
  return page.evaluate(
    () =>
      (performance.getEntriesByName("sql-console:result")[0]?.startTime ?? 0) -
      (performance.getEntriesByName("bench:activate")[0]?.startTime ?? 0),
  );
}

/** Records main-thread tasks over 50 ms from the start of each document (before any of its scripts). */
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });`;

/** One visit: open the Explore page, optionally wait, activate, and account for what was downloaded. */
async function visit(page: Page, waitMs: number): Promise<Sample> {
  responses = [];
  await page.goto(`${site.url}explore/`, { waitUntil: "load" });
  if (waitMs > 0) await page.waitForTimeout(waitMs);
  const beforeActivation = responses.length;
  const longestTask = await page.evaluate(() =>
    Math.max(0, ...((window as unknown as { __longTasks?: number[] }).__longTasks ?? [])),
  );
  const ms = await activate(page);
  const served = [...responses];
  const marks = await milestones(page);
  // The track IDs load once an answer is in; when they were attached after the result (or not yet), their
  // response arrived while the bench was reading the result, and is not among the bytes the result needed.
  const needed = marks.ids <= marks.result ? served : served.filter((r) => kind(r.path) !== "ids");
  return {
    navToResult: await page.evaluate(
      () => performance.getEntriesByName("sql-console:result")[0]?.startTime ?? Number.NaN,
    ),
    longestTask,
    ms,
    milestones: marks,
    bytes: bytesByKind(needed),
    jsBeforeActivation: bytesByKind(served.slice(0, beforeActivation)).js,
    requests: served.length,
  };
}

async function scenario(
  name: string,
  waitMs: number,
  warm: boolean,
): Promise<{ name: string; samples: Sample[] }> {
  const samples: Sample[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // A fresh profile per run: a persistent context keeps large responses in the HTTP cache between visits.
    const profile = mkdtempSync(join(tmpdir(), "spotiflies-widget-bench-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript(LONG_TASKS);
      if (warm) await visit(page, waitMs);
      const sample = await visit(page, waitMs);
      samples.push(sample);
      console.log(
        `${name}, run ${run}: navigation → result ${Math.round(sample.navToResult)} ms, activation → result ` +
          `${Math.round(sample.ms)} ms, ${mb(total(sample.bytes))} over the wire, longest task before use ` +
          `${Math.round(sample.longestTask)} ms`,
      );
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return { name, samples };
}

/** The console's answer to a 10-million-row query, after DuckDB has started (a warm-up query first). */
const BIG_QUERY = "SELECT * FROM range(10000000)";
async function bigQuery(): Promise<number[]> {
  const profile = mkdtempSync(join(tmpdir(), "spotiflies-widget-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const times: number[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${site.url}explore/`, { waitUntil: "load" });
    await activate(page);
    for (let run = 1; run <= RUNS; run++) {
      await page.fill(`${CONSOLE} [data-part="editor"]`, BIG_QUERY);
      times.push(await activate(page));
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return times;
}

function chromiumVersion(): string {
  try {
    return /Chromium ([\d.]+)/.exec(execFileSync(CHROMIUM, ["--version"], { encoding: "utf8" }))?.[1] ?? "";
  } catch {
    return "";
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const total = (bytes: Record<Kind, number>) => Object.values(bytes).reduce((sum, value) => sum + value, 0);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

try {
  const results = [
    await scenario("cold, run at page load", 0, false),
    await scenario(`cold, run after ${READING_MS / 1000} s on the page`, READING_MS, false),
    await scenario("warm reload, run at page load", 0, true),
  ];
  console.log(
    `\nSQL console on /explore/: Run clicked at page load (or later), headless Chromium ${chromiumVersion()}, ` +
      `${cpus().length} cores, local server sending the build's precompressed files, ${RUNS} runs (median)`,
  );
  console.log(
    `${"scenario".padEnd(34)} ${"nav→result".padStart(10)} ${"× 2 s".padStart(6)} ${"click→result".padStart(12)} ` +
      `${"longest task".padStart(12)}  bytes before first result (as sent)`,
  );
  for (const { name, samples } of results) {
    const nav = median(samples.map((sample) => sample.navToResult));
    const ms = median(samples.map((sample) => sample.ms));
    const task = median(samples.map((sample) => sample.longestTask));
    const kinds = (["page", "js", "worker", "wasm", "database", "ids"] as const).map(
      (k) => `${k} ${mb(median(samples.map((sample) => sample.bytes[k])))}`,
    );
    const bytes = median(samples.map((sample) => total(sample.bytes)));
    console.log(
      `${name.padEnd(34)} ${Math.round(nav).toString().padStart(10)} ${(nav / TARGET_MS).toFixed(2).padStart(6)} ` +
        `${Math.round(ms).toString().padStart(12)} ${Math.round(task).toString().padStart(12)}  ${mb(bytes)} (${kinds.join(", ")})`,
    );
  }
  console.log(
    '\nWhere the time goes (median ms; "worker" is when DuckDB\'s worker and downloads start: at the first idle' +
      " moment after load once a widget nears the viewport, or at its activation)",
  );
  console.log(`${"scenario".padEnd(34)} ${PHASES.map(([label]) => label).join(" ")}`);
  for (const { name, samples } of results) {
    const cells = PHASES.map(([label, from, to]) => {
      const ms = median(samples.map(({ milestones: m }) => to(m) - from(m)));
      // NaN: the milestone had not happened when the bench read them (the IDs, after the result).
      return (Number.isNaN(ms) ? "later" : Math.round(ms).toString()).padStart(label.length);
    });
    console.log(`${name.padEnd(34)} ${cells.join(" ")}`);
  }
  const big = await bigQuery();
  console.log(`\n${BIG_QUERY}: answered (first rows shown) in ${big.map(Math.round).join(", ")} ms`);
  const js = Math.max(
    ...results.flatMap(({ samples }) => samples.map((sample) => sample.jsBeforeActivation)),
  );
  console.log(
    `JavaScript before activation: ${kb(js)} gzipped (${(js / JS_BUDGET).toFixed(3)} × the 100 KB budget)`,
  );
} finally {
  await site.close();
}
