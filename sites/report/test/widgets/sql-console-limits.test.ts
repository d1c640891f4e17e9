import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SHOWN_ROWS } from "../../src/widgets/sql-console/bounded.ts";
import { parseSearch, searchQuery } from "../../src/widgets/track-finder/queries.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { servedSiteInChromium } from "../support/browser-suite.ts";
import { grouped } from "../support/html.ts";
import { openRecorded, type PageRecord, readConsole, runInConsole } from "../support/widgets.ts";
import { markPending, openNodeTracks, settled } from "./support-b.ts";

/**
 * The console's limits, in a browser: a long query can be cancelled, a huge result is bounded, the page stays
 * responsive, the other widgets answer while the console is busy, and the database recovers from a crash.
 */
const CONSOLE = "#sql-console";
const FINDER = "[data-widget='track-finder']";
const EXPLORE = "explore/";
/** Runs for many seconds on 2 cores (a count over three billion generated rows), polled as it runs. */
const LONG_QUERY = "SELECT count(*) AS n FROM range(3000000000) t(x) WHERE x % 7 = 3";

/** Starts `sql` in the console without waiting for it to settle. */
async function startInConsole(page: Page, sql: string): Promise<void> {
  await page.fill(`${CONSOLE} [data-part="editor"]`, sql);
  await page.evaluate((selector) => {
    const console = document.querySelector<HTMLElement>(selector);
    if (console) console.dataset.state = "submitted";
  }, CONSOLE);
  await page.click(`${CONSOLE} [data-part="run"]`);
  await page.waitForFunction(
    (selector) => document.querySelector<HTMLElement>(selector)?.dataset.state === "running",
    CONSOLE,
  );
}

/** How many tracks the track finder finds for `text`, its own query run by DuckDB in Node. */
async function finderTotal(text: string): Promise<number> {
  const tracks = await openNodeTracks();
  try {
    const query = searchQuery(text, 10);
    return parseSearch(await tracks.query(query.sql, query.params)).total;
  } finally {
    tracks.close();
  }
}

/** Searches the track finder (submitting at once, no debounce) and waits for its outcome. */
async function searchFinder(page: Page, text: string, timeout = 30_000) {
  await markPending(page, FINDER);
  await page.fill(`${FINDER} input[name='q']`, text);
  await page.press(`${FINDER} input[name='q']`, "Enter");
  return settled(page, FINDER, timeout);
}

/**
 * Watches the page's main thread from inside it: the longest task the Long Tasks API reports, and the longest
 * gap between ticks of a 10 ms timer (a frozen page lets no timer run).
 */
async function watchMainThread(
  page: Page,
): Promise<() => Promise<{ longestTask: number; longestGap: number }>> {
  await page.evaluate(() => {
    const watch = { longestTask: 0, longestGap: 0, last: performance.now(), timer: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watch.longestTask = Math.max(watch.longestTask, entry.duration);
    }).observe({ type: "longtask" });
    watch.timer = window.setInterval(() => {
      const now = performance.now();
      watch.longestGap = Math.max(watch.longestGap, now - watch.last);
      watch.last = now;
    }, 10);
    (window as unknown as { mainThread: typeof watch }).mainThread = watch;
  });
  return () =>
    page.evaluate(() => {
      const watch = (
        window as unknown as { mainThread: { longestTask: number; longestGap: number; timer: number } }
      ).mainThread;
      clearInterval(watch.timer);
      return { longestTask: watch.longestTask, longestGap: watch.longestGap };
    });
}

describe.runIf(chromiumAvailable)("the SQL console's limits in a browser", () => {
  const suite = servedSiteInChromium();

  describe("one reader's session", () => {
    let context: BrowserContext;
    let record: PageRecord;

    beforeAll(async () => {
      context = await suite.browser.newContext({ acceptDownloads: true });
      record = await openRecorded(context, `${suite.url}${EXPLORE}`);
      // Start DuckDB first, so the timings below are of the queries alone.
      expect((await runInConsole(record.page, CONSOLE, "SELECT 1 AS warm")).state).toBe("done");
    });

    afterAll(async () => {
      await context?.close();
    });

    it("answers SELECT * FROM range(10000000) within 2 s with 1,000 rows, says of how many, and the page keeps responding", async () => {
      const page = record.page;
      const report = await watchMainThread(page);
      const started = Date.now();
      const outcome = await runInConsole(page, CONSOLE, "SELECT * FROM range(10000000)");
      const seconds = (Date.now() - started) / 1000;
      const thread = await report();
      console.info(
        `10 M rows: answered in ${seconds.toFixed(2)} s; ${outcome.status}; main thread ${JSON.stringify(thread)}`,
      );
      expect(outcome.state).toBe("done");
      expect(seconds).toBeLessThanOrEqual(2);
      // It stops reading after the first rows, then has DuckDB count the rest: the total is exact.
      expect(outcome.status).toMatch(
        /^Showing 1,000 of 10,000,000 rows in [\d.,]+ ms; sorting orders the rows shown/,
      );
      expect(outcome.summary).toBe(`Rows 1–50 of ${grouped(MAX_SHOWN_ROWS)} (page 1 of 20)`);
      expect(outcome.rows[0]).toEqual(["0"]);
      await page.selectOption(`${CONSOLE} .results-page-size select`, "Infinity");
      const all = await readConsole(page, CONSOLE);
      expect(all.summary).toBe(`Rows 1–1,000 of 1,000`);
      expect(await page.locator(`${CONSOLE} tbody tr`).count()).toBeLessThan(200);
      expect(thread.longestTask).toBeLessThan(200);
      expect(thread.longestGap).toBeLessThan(250);
      await page.selectOption(`${CONSOLE} .results-page-size select`, "50");
    });

    it("downloads the whole of a bounded result as CSV, streamed from DuckDB, not the rows shown", async () => {
      const page = record.page;
      const outcome = await runInConsole(
        page,
        CONSOLE,
        "SELECT x, 'r' || x AS label FROM range(5000) t(x) ORDER BY x",
      );
      expect(outcome.status).toMatch(/^Showing 1,000 of 5,000 rows/);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`${CONSOLE} .results-download`),
      ]);
      expect(download.suggestedFilename()).toBe("spotiflies-query.csv");
      const { readFile } = await import("node:fs/promises");
      const lines = (await readFile(await download.path(), "utf8")).split("\r\n");
      expect(lines[0]).toBe("x,label");
      expect(lines).toHaveLength(5002);
      expect(lines[5000]).toBe("4999,r4999");
      expect(lines.slice(1, 5001).every((line, i) => line === `${i},r${i}`)).toBe(true);
      await page.waitForFunction(
        (selector) => document.querySelector<HTMLElement>(selector)?.dataset.state === "done",
        CONSOLE,
      );
      expect((await readConsole(page, CONSOLE)).status).toMatch(/^Downloaded the whole result as CSV/);
    });

    it("shows the elapsed time and a Cancel button after a second; Cancel stops the query within 0.5 s and the next query works", async () => {
      const page = record.page;
      await startInConsole(page, LONG_QUERY);
      expect(await page.isVisible(`${CONSOLE} [data-part="cancel"]`)).toBe(false);
      await page.waitForSelector(`${CONSOLE} [data-part="cancel"]`, { state: "visible", timeout: 5_000 });
      await page.waitForTimeout(1_000);
      expect(await page.textContent(`${CONSOLE} [data-part="elapsed"]`)).toMatch(/^[2-9]\.\d s$/);
      // Click and time the cancel inside the page, so Playwright's round trips do not count.
      const latency = await page.evaluate(
        (selector) =>
          new Promise<number>((resolve) => {
            const root = document.querySelector<HTMLElement>(selector) as HTMLElement;
            const started = performance.now();
            new MutationObserver(() => {
              if (root.dataset.state === "cancelled") resolve(performance.now() - started);
            }).observe(root, { attributes: true, attributeFilter: ["data-state"] });
            root.querySelector<HTMLButtonElement>('[data-part="cancel"]')?.click();
          }),
        CONSOLE,
      );
      const cancelled = await readConsole(page, CONSOLE);
      console.info(`cancel latency: ${latency.toFixed(0)} ms; ${cancelled.status}`);
      expect(latency).toBeLessThan(500);
      expect(cancelled.status).toMatch(/^Cancelled after [\d.]+ s\.$/);
      expect(await page.isVisible(`${CONSOLE} [data-part="cancel"]`)).toBe(false);
      expect(await page.isEnabled(`${CONSOLE} [data-part="run"]`)).toBe(true);
      const started = Date.now();
      const next = await runInConsole(page, CONSOLE, "SELECT 40 + 2 AS answer");
      expect([next.state, next.rows]).toEqual(["done", [["42"]]]);
      // DuckDB really stopped: the next query did not wait for the cancelled one to finish.
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it("the track finder answers while the console runs a long query", async () => {
      const page = record.page;
      const total = await finderTotal("love");
      await startInConsole(page, LONG_QUERY);
      await page.locator(FINDER).scrollIntoViewIfNeeded();
      const started = Date.now();
      const status = await searchFinder(page, "love", 10_000);
      const seconds = (Date.now() - started) / 1000;
      console.info(`track finder answered in ${seconds.toFixed(2)} s while the console ran`);
      expect(status.state, status.text).toBe("done");
      expect(status.text).toMatch(new RegExp(`^${grouped(total)} tracks match “love”`));
      expect(
        await page.evaluate(
          (selector) => document.querySelector<HTMLElement>(selector)?.dataset.state,
          CONSOLE,
        ),
      ).toBe("running");
      expect(seconds).toBeLessThan(5);
      await page.click(`${CONSOLE} [data-part="cancel"]`, { timeout: 5_000 });
      await page.waitForFunction(
        (selector) => document.querySelector<HTMLElement>(selector)?.dataset.state === "cancelled",
        CONSOLE,
      );
    });

    it("made no request off the site and logged no errors", () => {
      expect(record.foreign).toEqual([]);
      expect(record.errors).toEqual([]);
    });
  });

  describe("after the database's worker crashes", () => {
    let context: BrowserContext;
    let record: PageRecord;
    const crash = (page: Page) =>
      page.evaluate(() =>
        (window as unknown as { __spotifliesDuckdb: { crash(): Promise<void> } }).__spotifliesDuckdb.crash(),
      );

    beforeAll(async () => {
      context = await suite.browser.newContext();
      // Asks the client to expose its crash hook (it does only when this is set before its scripts run).
      await context.addInitScript(() => {
        (window as unknown as { __spotifliesTestHooks: boolean }).__spotifliesTestHooks = true;
      });
      record = await openRecorded(context, `${suite.url}${EXPLORE}`);
    });

    afterAll(async () => {
      await context?.close();
    });

    it("restarts by itself, says so, and the next query works; the reader's temporary tables are gone", async () => {
      const page = record.page;
      const made = await runInConsole(page, CONSOLE, "CREATE TEMP TABLE mine AS SELECT 7 AS seven");
      expect(made.state).toBe("done");
      await crash(page);
      await page.waitForFunction(
        (selector) =>
          /restarted by itself/.test(
            document.querySelector(`${selector} [data-part="status"]`)?.textContent ?? "",
          ),
        CONSOLE,
      );
      const notice = await readConsole(page, CONSOLE);
      expect(notice.status).toMatch(
        /^DuckDB stopped and restarted by itself, so the console works again\. Temporary tables/,
      );
      expect(notice.error).toMatch(/terminated by a test/);
      const next = await runInConsole(page, CONSOLE, "SELECT 40 + 2 AS answer");
      expect([next.state, next.rows]).toEqual(["done", [["42"]]]);
      const gone = await runInConsole(page, CONSOLE, "SELECT * FROM mine");
      expect(gone.error).toMatch(/Table with name mine does not exist/);
    });

    it("a query running when the worker crashes fails with a message saying so, and the next works", async () => {
      const page = record.page;
      await startInConsole(page, LONG_QUERY);
      await page.waitForTimeout(300);
      await crash(page);
      await page.waitForFunction(
        (selector) => document.querySelector<HTMLElement>(selector)?.dataset.state === "error",
        CONSOLE,
      );
      const failed = await readConsole(page, CONSOLE);
      expect(failed.status).toMatch(
        /^DuckDB stopped during the query and restarted by itself; run it again\./,
      );
      const next = await runInConsole(page, CONSOLE, "SELECT count(*) > 0 AS ok FROM tracks");
      expect([next.state, next.rows]).toEqual(["done", [["true"]]]);
    });

    it("the track finder works after a crash: the long-search refusal, then a search counted as in Node", async () => {
      const page = record.page;
      await page.locator(FINDER).scrollIntoViewIfNeeded();
      expect((await searchFinder(page, "love")).state).toBe("done");
      await crash(page);
      await page.fill(`${FINDER} input[name='q']`, "a".repeat(400_000));
      await page.waitForFunction(
        (root) => document.querySelector(`${root} [data-status]`)?.getAttribute("data-state") === "error",
        FINDER,
      );
      expect(await page.textContent(`${FINDER} [data-status]`)).toBe(
        "A search is at most 1,000 characters (this one has 400,000); no track, artist or album name is that long.",
      );
      const total = await finderTotal("night");
      const status = await searchFinder(page, "night");
      expect(status.state, status.text).toBe("done");
      expect(status.text).toMatch(new RegExp(`^${grouped(total)} tracks match “night”`));
    });

    it("logged no errors but DuckDB-WASM's own note of the terminated worker", () => {
      expect(record.foreign).toEqual([]);
      expect(record.errors.filter((error) => !/worker terminated|pending requests/.test(error))).toEqual([]);
    });
  });
});
