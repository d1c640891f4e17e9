import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { analysisOutputDir, CLEANED_PARQUET } from "@spotiflies/analysis/results";
import type { BrowserContext, Page } from "playwright-core";

/** What a widget page did while a test used it. */
export interface PageRecord {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests (page and workers) to any origin but the site's. */
  foreign: string[];
  /** Requests (page and workers, not the service worker) to the site, in the order they were made. */
  local: string[];
}

/** Opens `url` in `context`, recording errors and requests that leave the site's origin. */
export async function openRecorded(context: BrowserContext, url: string): Promise<PageRecord> {
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const record: PageRecord = { page, errors: [], foreign: [], local: [] };
  page.on("console", (message) => {
    if (message.type() === "error") record.errors.push(message.text());
  });
  page.on("pageerror", (error) => record.errors.push(error.message));
  // The context sees the requests of the page's workers too, which is where DuckDB fetches its files.
  context.on("request", (request) => {
    const target = new URL(request.url());
    // The site's service worker's own requests repeat, towards the network, ones it answered for the page or
    // its workers (or save files for offline reading): they are not the page's downloads.
    if (target.origin === origin) {
      if (!request.serviceWorker()) record.local.push(request.url());
    } else if (target.protocol !== "blob:" && target.protocol !== "data:") record.foreign.push(request.url());
  });
  await page.goto(url, { waitUntil: "load" });
  return record;
}

/** A console's outcome, read from the page once its query settled. */
export interface ConsoleOutcome {
  state: string;
  status: string;
  error: string;
  columns: string[];
  /** The rendered rows' cell texts (the first page, or the rendered window of a virtual page). */
  rows: string[][];
  summary: string;
}

const SETTLED = ["done", "error", "unavailable"];

/** Reads the console `root` (a CSS selector) as it is now. */
export function readConsole(page: Page, root: string): Promise<ConsoleOutcome> {
  return page.evaluate((selector) => {
    const console = document.querySelector<HTMLElement>(selector);
    if (!console) throw new Error(`no element ${selector}`);
    const text = (element: Element | null) => element?.textContent?.trim() ?? "";
    return {
      state: console.dataset.state ?? "",
      status: text(console.querySelector('[data-part="status"]')),
      error: text(console.querySelector('[data-part="error"]')),
      columns: [...console.querySelectorAll(".results-column-name")].map(text),
      rows: [...console.querySelectorAll(".results-table tbody tr:not(.results-spacer)")].map((row) =>
        [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? ""),
      ),
      summary: text(console.querySelector(".results-summary")),
    };
  }, root);
}

/** Types `sql` into the console `root`, runs it with the button or Ctrl+Enter, and waits for the outcome. */
export async function runInConsole(
  page: Page,
  root: string,
  sql: string,
  how: "button" | "shortcut" = "button",
): Promise<ConsoleOutcome> {
  await page.fill(`${root} [data-part="editor"]`, sql);
  // Marks the console as busy so a previous result is never mistaken for this one.
  await page.evaluate((selector) => {
    const console = document.querySelector<HTMLElement>(selector);
    if (console) console.dataset.state = "submitted";
  }, root);
  if (how === "button") await page.click(`${root} [data-part="run"]`);
  else await page.press(`${root} [data-part="editor"]`, "Control+Enter");
  await page.waitForFunction(
    ({ selector, settled }) =>
      settled.includes(document.querySelector<HTMLElement>(selector)?.dataset.state ?? ""),
    { selector: root, settled: SETTLED },
    { timeout: 60_000 },
  );
  return readConsole(page, root);
}

/**
 * Runs SQL with `@duckdb/node-api` over the analysis's cleaned Parquet, exposed as a `tracks` view: the
 * independent reference the browser results are checked against. Rows come back as JS values.
 */
export async function queryParquet(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const parquet = join(analysisOutputDir, CLEANED_PARQUET).replaceAll("'", "''");
    await connection.run(`CREATE VIEW tracks AS SELECT * FROM read_parquet('${parquet}')`);
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
