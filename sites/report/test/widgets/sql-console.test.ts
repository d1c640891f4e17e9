import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialJs } from "../../src/integrations/initial-js.ts";
import {
  DUCKDB_DIR,
  DUCKDB_WASM,
  DUCKDB_WORKER,
  DUCKDB_WORKER_SCRIPT,
  TRACK_IDS_DATABASE,
  TRACKS_DATABASE,
} from "../../src/widgets/duckdb/files.ts";
import { MAX_SHOWN_ROWS } from "../../src/widgets/sql-console/bounded.ts";
import { EXAMPLE_QUERIES } from "../../src/widgets/sql-console/examples.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { grouped, parsePage } from "../support/html.ts";
import { type StaticSite, serveStatic } from "../support/server.ts";
import { builtPages, distDir, ensureBuilt, expectedBase } from "../support/site.ts";
import {
  openRecorded,
  type PageRecord,
  queryParquet,
  readConsole,
  runInConsole,
} from "../support/widgets.ts";

const CONSOLE = "#sql-console";
const EXPLORE = "explore/";

beforeAll(() => ensureBuilt());

describe("JavaScript the built pages ship", () => {
  it("pages without a widget ship a few kB at most; every page's JavaScript before use is ≤ 100 KB gzipped", async () => {
    const pages = builtPages();
    expect(pages).toContain(`${EXPLORE}index.html`);
    for (const page of pages) {
      const html = readFileSync(join(distDir, page), "utf8");
      const hasWidget = parsePage(html).querySelector("[data-widget]") !== null;
      const js = await initialJs(html, (path) => readFile(join(distDir, path), "utf8"), expectedBase);
      // Only the theme's lines (and the search page's client): figures.test.ts checks which scripts they are.
      if (!hasWidget) expect(js.gzipBytes, page).toBeLessThan(3 * 1024);
      expect(js.gzipBytes, page).toBeLessThanOrEqual(100 * 1024);
    }
  });

  it("the Explore page loads the console's bootstrap only: no DuckDB or Arrow code before use", async () => {
    const html = readFileSync(join(distDir, EXPLORE, "index.html"), "utf8");
    const js = await initialJs(html, (path) => readFile(join(distDir, path), "utf8"), expectedBase);
    expect(js.files.length).toBeGreaterThan(0);
    for (const file of js.files) {
      const code = readFileSync(join(distDir, file), "utf8");
      expect(code, file).not.toMatch(/AsyncDuckDB|RecordBatchReader/);
    }
    // Small enough that a reader who never uses a widget pays almost nothing for it.
    expect(js.gzipBytes).toBeLessThan(10 * 1024);
  });

  it("the build serves DuckDB's wasm and worker from the site itself", () => {
    for (const name of [DUCKDB_WASM, DUCKDB_WORKER_SCRIPT]) {
      expect(readFileSync(join(distDir, DUCKDB_DIR, name)).length, name).toBeGreaterThan(100_000);
    }
  });
});

describe.runIf(chromiumAvailable)("the SQL console in a browser", () => {
  let browser: Browser;
  let site: StaticSite;

  beforeAll(async () => {
    site = await serveStatic(distDir, expectedBase);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  describe("one reader's session", () => {
    let context: BrowserContext;
    let record: PageRecord;
    const dialogs: string[] = [];

    beforeAll(async () => {
      context = await browser.newContext({ acceptDownloads: true });
      record = await openRecorded(context, `${site.url}${EXPLORE}`);
      record.page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    });

    afterAll(async () => {
      await context?.close();
    });

    it("answers a known query with the counts DuckDB computes from the Parquet in Node", async () => {
      const sql =
        "SELECT super_genre, count(*) AS tracks FROM tracks GROUP BY super_genre ORDER BY tracks DESC, super_genre";
      const expected = await queryParquet(sql);
      const outcome = await runInConsole(record.page, CONSOLE, sql);
      expect(outcome.state).toBe("done");
      expect(outcome.columns).toEqual(["super_genre", "tracks"]);
      expect(outcome.rows).toEqual(expected.map((row) => [String(row.super_genre), String(row.tracks)]));
      expect(outcome.status).toMatch(new RegExp(`^${expected.length} rows in [\\d.,]+ ms$`));
      const [total] = await queryParquet("SELECT count(*) AS n FROM tracks");
      expect(expected.reduce((sum, row) => sum + Number(row.tracks), 0)).toBe(Number(total?.n));
    });

    it("runs every statement of a script and says the table is the last one's", async () => {
      const outcome = await runInConsole(
        record.page,
        CONSOLE,
        "CREATE TEMP TABLE t AS SELECT 'a;b' AS s; INSERT INTO t VALUES ('c'); SELECT count(*) AS n FROM t",
      );
      expect(outcome.state).toBe("done");
      expect(outcome.columns).toEqual(["n"]);
      expect(outcome.rows).toEqual([["2"]]);
      expect(outcome.status).toMatch(
        /^1 row in [\d.,]+ ms — the result of the last of 3 statements \(each one ran, in order\)$/,
      );
      await runInConsole(record.page, CONSOLE, "DROP TABLE t");
    });

    it("refuses a query over 100,000 characters with a message, and runs the next one", async () => {
      const long = `SELECT 1 AS x -- ${"a".repeat(100_000)}`;
      const refused = await runInConsole(record.page, CONSOLE, long);
      expect(refused.state).toBe("error");
      expect(refused.status).toBe(
        `The query has ${long.length.toLocaleString("en-US")} characters; the console runs queries of at most 100,000.`,
      );
      const next = await runInConsole(record.page, CONSOLE, "SELECT 42 AS answer");
      expect(next.state).toBe("done");
      expect(next.rows).toEqual([["42"]]);
    });

    it("carries each track's recording: as many recording_ids as the analysis counted", async () => {
      const { recordings, trackIds } = readResult(analysisOutputDir, "recordings");
      const outcome = await runInConsole(
        record.page,
        CONSOLE,
        "SELECT count(DISTINCT recording_id) AS recordings, count(DISTINCT track_id) AS track_ids FROM tracks",
      );
      expect(outcome.error).toBe("");
      expect(outcome.rows).toEqual([[String(recordings), String(trackIds)]]);
    });

    // The served wasm exports only what DuckDB-WASM's worker uses; these reach into much of DuckDB (strings,
    // regular expressions, dates, windows, lists, quantiles, SUMMARIZE, the catalog, hashing) and must give
    // what DuckDB in Node gives. Everything is cast to text so the comparison is exact.
    it.each([
      "SELECT upper(track_genre) || '|' || length(track_name) || '|' || regexp_replace(artists, '[aeiou]', '', 'g') AS v FROM tracks ORDER BY track_id LIMIT 5",
      "SELECT strftime(DATE '2020-02-29' + INTERVAL 1 YEAR, '%Y-%m-%d') || ' ' || strptime('2024-03-01 10:30', '%Y-%m-%d %H:%M')::VARCHAR AS v",
      "SELECT (track_genre || ':' || row_number() OVER (PARTITION BY super_genre ORDER BY track_genre, track_id)) AS v FROM tracks ORDER BY track_id LIMIT 5",
      "SELECT list_sort(list(DISTINCT super_genre))::VARCHAR AS v FROM tracks",
      "SELECT quantile_disc(popularity, 0.9)::VARCHAR || ' ' || median(duration_ms)::BIGINT::VARCHAR || ' ' || round(stddev_samp(energy), 6)::VARCHAR AS v FROM tracks",
      "SELECT count(*)::VARCHAR AS v FROM (SUMMARIZE tracks)",
      "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS v FROM information_schema.columns WHERE table_name = 'tracks'",
      "SELECT md5(string_agg(track_id, ',' ORDER BY track_id)) || ' ' || hash(42)::VARCHAR AS v FROM tracks WHERE track_genre = 'jazz'",
    ])("gives DuckDB's own answer to %s", async (sql) => {
      const expected = (await queryParquet(sql)).map((row) => [String(row.v)]);
      const outcome = await runInConsole(record.page, CONSOLE, sql);
      expect(outcome.error).toBe("");
      expect(outcome.rows).toEqual(expected);
    });

    it("downloaded each of DuckDB's files once: the worker compiles the wasm, DuckDB does not fetch it again", () => {
      for (const name of [
        DUCKDB_WORKER,
        DUCKDB_WORKER_SCRIPT,
        DUCKDB_WASM,
        TRACKS_DATABASE,
        TRACK_IDS_DATABASE,
      ]) {
        const requests = record.local.filter((url) =>
          new URL(url).pathname.endsWith(`/${DUCKDB_DIR}/${name}`),
        );
        expect(requests, name).toHaveLength(1);
      }
    });

    it("runs with Ctrl+Enter in the editor", async () => {
      const [jazz] = await queryParquet("SELECT count(*) AS n FROM tracks WHERE track_genre = 'jazz'");
      const outcome = await runInConsole(
        record.page,
        CONSOLE,
        "SELECT count(*) AS n FROM tracks WHERE track_genre = 'jazz'",
        "shortcut",
      );
      expect(outcome.rows).toEqual([[String(jazz?.n)]]);
      expect(outcome.status).toMatch(/^1 row in /);
    });

    it("renders values as text: markup in results, errors and table names is never parsed", async () => {
      await record.page.evaluate(() => {
        (window as unknown as { xss?: number }).xss = undefined;
      });
      const crafted = await runInConsole(
        record.page,
        CONSOLE,
        `SELECT '<img src=x onerror=alert(1)>' AS t, '<img src=y onerror="window.xss=1">' AS "<b>u</b>"`,
      );
      expect(crafted.rows).toEqual([["<img src=x onerror=alert(1)>", '<img src=y onerror="window.xss=1">']]);
      expect(crafted.columns).toEqual(["t", "<b>u</b>"]);
      const failed = await runInConsole(
        record.page,
        CONSOLE,
        `SELECT * FROM "<img src=z onerror=window.xss=2>"`,
      );
      expect(failed.state).toBe("error");
      expect(failed.error).toContain("<img src=z onerror=window.xss=2>");
      await runInConsole(
        record.page,
        CONSOLE,
        `CREATE TEMP TABLE "<img src=w onerror=window.xss=3>" AS SELECT 1 AS "<i>c</i>"`,
      );
      await record.page.click(`${CONSOLE} [data-part="schema"] summary`);
      await record.page.waitForFunction(
        (selector) => document.querySelector(selector)?.textContent?.includes("<img src=w"),
        `${CONSOLE} [data-part="schema-body"]`,
      );
      // Give any injected handler time to fire before checking that none did.
      await record.page.waitForTimeout(300);
      const injected = await record.page.evaluate(
        (selector) => ({
          elements: document.querySelectorAll(`${selector} img, ${selector} b, ${selector} i`).length,
          xss: (window as unknown as { xss?: number }).xss,
        }),
        CONSOLE,
      );
      expect(injected).toEqual({ elements: 0, xss: undefined });
      expect(dialogs).toEqual([]);
    });

    it("shows real track names with quotes and ampersands exactly", async () => {
      const names = (
        await queryParquet(
          `SELECT DISTINCT track_name FROM tracks WHERE regexp_matches(track_name, '[<>&"]') ORDER BY track_name LIMIT 5`,
        )
      ).map((row) => String(row.track_name));
      expect(names.length).toBe(5);
      const list = names.map((name) => `'${name.replaceAll("'", "''")}'`).join(", ");
      const outcome = await runInConsole(
        record.page,
        CONSOLE,
        `SELECT DISTINCT track_name FROM tracks WHERE track_name IN (${list}) ORDER BY track_name`,
      );
      expect(outcome.rows).toEqual(names.map((name) => [name]));
    });

    it("shows DuckDB's error readably, once, and recovers on the next query", async () => {
      const outcome = await runInConsole(record.page, CONSOLE, "SELEC 1");
      expect(outcome.state).toBe("error");
      expect(outcome.status).toMatch(/failed/);
      expect(outcome.error).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
      expect(outcome.error.match(/LINE 1:/g)).toHaveLength(1);
      expect(outcome.rows).toEqual([]);
      const next = await runInConsole(record.page, CONSOLE, "SELECT 42 AS answer");
      expect([next.state, next.error, next.rows]).toEqual(["done", "", [["42"]]]);
    });

    it("never reaches beyond the site: remote files and extension loading are refused", async () => {
      const outcome = await runInConsole(
        record.page,
        CONSOLE,
        "SELECT * FROM read_csv('https://example.com/x.csv')",
      );
      expect(outcome.state).toBe("error");
      const unlock = await runInConsole(record.page, CONSOLE, "SET enable_external_access = true");
      expect(unlock.error).toMatch(/locked/);
    });

    it("shows the first 1,000 of 113,822 rows, says so, and pages, sorts and virtualises them", async () => {
      const sql = "SELECT track_id, track_genre, popularity FROM tracks ORDER BY track_id, track_genre";
      const [stats] = await queryParquet(
        `SELECT (SELECT count(*) FROM tracks) AS n, min(popularity) AS low, max(popularity) AS high FROM (${sql} LIMIT 1000)`,
      );
      const first = await queryParquet(`${sql} LIMIT 50`);
      const page = record.page;
      const all = await runInConsole(page, CONSOLE, sql);
      expect(all.status).toMatch(
        new RegExp(`^Showing 1,000 of ${grouped(Number(stats?.n))} rows in [\\d.,]+ ms; `),
      );
      expect(all.summary).toBe("Rows 1–50 of 1,000 (page 1 of 20)");
      expect(all.rows).toEqual(
        first.map((row) => [String(row.track_id), String(row.track_genre), String(row.popularity)]),
      );

      await page.click(`${CONSOLE} .results-next`);
      expect((await readConsole(page, CONSOLE)).summary).toMatch(/^Rows 51–100 of 1,000/);

      const popularity = `${CONSOLE} th:nth-child(3) button`;
      await page.click(popularity);
      let view = await readConsole(page, CONSOLE);
      expect(view.summary).toMatch(/^Rows 1–50 of /);
      expect(view.rows[0]?.[2]).toBe(String(stats?.low));
      await page.click(popularity);
      view = await readConsole(page, CONSOLE);
      expect(view.rows[0]?.[2]).toBe(String(stats?.high));
      expect(await page.getAttribute(`${CONSOLE} th:nth-child(3)`, "aria-sort")).toBe("descending");

      await page.selectOption(`${CONSOLE} .results-page-size select`, "Infinity");
      view = await readConsole(page, CONSOLE);
      expect(view.summary).toBe("Rows 1–1,000 of 1,000");
      expect(view.rows.length).toBeGreaterThan(10);
      expect(view.rows.length).toBeLessThan(200);
      await page.$eval(`${CONSOLE} .results-scroll`, (element) => {
        element.scrollTop = element.scrollHeight;
      });
      await page.waitForFunction(
        ({ selector, last }) =>
          [...document.querySelectorAll(`${selector} tbody tr[aria-rowindex]`)].some(
            (row) => row.getAttribute("aria-rowindex") === last,
          ),
        { selector: CONSOLE, last: "1001" },
      );
      view = await readConsole(page, CONSOLE);
      expect(view.rows.length).toBeLessThan(200);
      // Sorted by popularity, descending: the bottom row has the lowest popularity of those shown.
      expect(view.rows.at(-1)?.[2]).toBe(String(stats?.low));
      await page.selectOption(`${CONSOLE} .results-page-size select`, "50");
    });

    it("downloads the whole result as CSV", async () => {
      const sql =
        "SELECT super_genre, count(*) AS tracks FROM tracks GROUP BY super_genre ORDER BY super_genre";
      const expected = await queryParquet(sql);
      await runInConsole(record.page, CONSOLE, sql);
      const [download] = await Promise.all([
        record.page.waitForEvent("download"),
        record.page.click(`${CONSOLE} .results-download`),
      ]);
      expect(download.suggestedFilename()).toBe("spotiflies-query.csv");
      const csv = readFileSync(await download.path(), "utf8");
      expect(csv).toBe(
        `super_genre,tracks\r\n${expected.map((row) => `${row.super_genre},${row.tracks}\r\n`).join("")}`,
      );
    });

    it("lists the tracks table's columns with the types DuckDB reads from the Parquet", async () => {
      const expected = await queryParquet("DESCRIBE SELECT * FROM tracks");
      const listed = await record.page.evaluate((selector) => {
        const list = document.querySelector(`${selector} [data-part="schema-body"] dl`);
        const terms = [...(list?.querySelectorAll("dt") ?? [])];
        const tracks = terms.find((term) => term.querySelector("code")?.textContent === "tracks");
        return [...(tracks?.nextElementSibling?.querySelectorAll("li") ?? [])].map((item) => [
          item.querySelector("code")?.textContent,
          item.querySelector(".sql-schema-type")?.textContent,
        ]);
      }, CONSOLE);
      expect(listed).toEqual(expected.map((column) => [column.column_name, column.column_type]));
    });

    it("loads an example into the editor, and every example runs", async () => {
      for (const example of EXAMPLE_QUERIES) {
        await record.page.selectOption(`${CONSOLE} [data-part="examples"]`, example.id);
        expect(await record.page.inputValue(`${CONSOLE} [data-part="editor"]`)).toBe(example.sql);
        const outcome = await runInConsole(record.page, CONSOLE, example.sql);
        expect([example.id, outcome.state, outcome.error]).toEqual([example.id, "done", ""]);
        const expected = await queryParquet(example.sql);
        // The console shows at most 1,000 rows and says of how many.
        const shown = Math.min(expected.length, MAX_SHOWN_ROWS);
        expect(outcome.summary, example.id).toMatch(new RegExp(`of ${grouped(shown)}`));
        if (expected.length > shown) {
          // Every example only reads, so DuckDB counts the rows the console did not read: the total is exact.
          expect(outcome.status, example.id).toMatch(
            new RegExp(`^Showing ${grouped(shown)} of ${grouped(expected.length)} rows`),
          );
        }
      }
    });

    it("made no request off the site and logged no errors", () => {
      expect(record.foreign).toEqual([]);
      expect(record.errors).toEqual([]);
    });
  });

  it("downloads nothing of DuckDB until the console is near the viewport or used", async () => {
    const context = await browser.newContext();
    // An observer that never reports: the console counts as far off-screen until it is used.
    await context.addInitScript(() => {
      window.IntersectionObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      } as unknown as typeof IntersectionObserver;
    });
    const requested: string[] = [];
    context.on("request", (request) => requested.push(new URL(request.url()).pathname));
    const { page } = await openRecorded(context, `${site.url}${EXPLORE}`);
    await page.waitForTimeout(500);
    const duckdb = (paths: string[]) => paths.filter((path) => path.includes(`/${DUCKDB_DIR}/`));
    expect(duckdb(requested)).toEqual([]);
    const scriptsBefore = requested.filter((path) => path.endsWith(".js"));
    await page.focus(`${CONSOLE} [data-part="editor"]`);
    await page.waitForRequest((request) => request.url().endsWith(`/${DUCKDB_DIR}/${DUCKDB_WASM}`));
    expect(requested.filter((path) => path.endsWith(".js")).length).toBeGreaterThan(scriptsBefore.length);
    await context.close();
  });

  it("still starts when the host sends the wasm as application/octet-stream", async () => {
    const context = await browser.newContext();
    await context.route(`**/${DUCKDB_DIR}/${DUCKDB_WASM}`, (route) =>
      route.fulfill({
        path: join(distDir, DUCKDB_DIR, DUCKDB_WASM),
        contentType: "application/octet-stream",
      }),
    );
    const record = await openRecorded(context, `${site.url}${EXPLORE}`);
    const outcome = await runInConsole(record.page, CONSOLE, "SELECT 40 + 2 AS answer");
    expect([outcome.state, outcome.rows]).toEqual(["done", [["42"]]]);
    await context.close();
  });

  it.each([
    ["the wasm cannot be fetched", DUCKDB_WASM],
    ["the worker script is missing", DUCKDB_WORKER],
    ["DuckDB's worker script is missing", DUCKDB_WORKER_SCRIPT],
    ["the database file is missing", TRACKS_DATABASE],
  ])("says so plainly when %s, and the rest of the page still works", async (_, file) => {
    const context = await browser.newContext();
    await context.route(`**/${DUCKDB_DIR}/${file}`, (route) =>
      file === DUCKDB_WASM ? route.abort() : route.fulfill({ status: 404, body: "not found" }),
    );
    const record = await openRecorded(context, `${site.url}${EXPLORE}`);
    const outcome = await runInConsole(record.page, CONSOLE, "SELECT 1");
    expect(outcome.state).toBe("unavailable");
    expect(outcome.status).toMatch(/DuckDB could not start/);
    expect(outcome.error.length).toBeGreaterThan(0);
    expect(await record.page.isVisible(`${CONSOLE} [data-part="fallback"]`)).toBe(true);
    expect(await record.page.isEnabled(`${CONSOLE} [data-part="run"]`)).toBe(true);
    // Only the failed request and DuckDB-WASM's own logging of it reach the console; no uncaught page error.
    const expected = /^Failed to load resource|^error in duckdb worker|^(Error)?Event$|^Failed to fetch$/;
    expect(record.errors.filter((error) => !expected.test(error))).toEqual([]);
    await record.page.click("a.site-title");
    await record.page.waitForURL(site.url);
    await context.close();
  });

  it("without JavaScript, shows the query and says the console needs JavaScript and WebAssembly", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await openRecorded(context, `${site.url}${EXPLORE}`);
    expect(await page.isVisible(`${CONSOLE} [data-part="fallback"]`)).toBe(true);
    expect(await page.textContent(`${CONSOLE} [data-part="fallback"]`)).toMatch(/JavaScript and WebAssembly/);
    expect(await page.isDisabled(`${CONSOLE} [data-part="run"]`)).toBe(true);
    expect(await page.inputValue(`${CONSOLE} [data-part="editor"]`)).toBe(EXAMPLE_QUERIES[0]?.sql);
    await context.close();
  });
});
