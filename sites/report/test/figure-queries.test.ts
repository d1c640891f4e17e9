import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { dec, int, pct, sig } from "../src/site/format.ts";
import {
  linkedQuery,
  linkedQuerySearch,
  MAX_LINKED_QUERY_LENGTH,
} from "../src/widgets/sql-console/linked-query.ts";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { parsePage } from "./support/html.ts";
import { readPage } from "./support/site.ts";
import { type ConsoleOutcome, readConsole } from "./support/widgets.ts";

/**
 * "Open in console": a figure drawn from one SQL query on the cleaned table links to the SQL console with that
 * query in its editor, and running it there gives the numbers in the figure's data table, to the precision
 * the table shows them.
 */

/** Where each tested figure is. */
const CHAPTER: Record<string, string> = {
  correlations: "chapters/exploratory-analysis/",
  categorical: "chapters/exploratory-analysis/",
  "super-genre-sizes": "chapters/genres/",
  "super-genre-spread": "chapters/genres/",
  "genre-means-energy": "chapters/genres/",
};
const CONSOLE = "#sql-console";

/** A figure's data table as the page shows it: column headings and each row's cell texts. */
interface ShownTable {
  columns: string[];
  rows: string[][];
}

/** A figure's own data table, or the shared one its data disclosure links to (a figure choice's). */
function figureTable(page: Page, id: string): Promise<ShownTable> {
  return page.evaluate((figureId) => {
    const shared = document
      .querySelector(`#figure-${figureId} .figure-data a[href^="#"]`)
      ?.getAttribute("href");
    const table = document.querySelector(
      shared ? `${shared} table` : `#figure-${figureId} .figure-data table`,
    );
    if (!table) throw new Error(`figure ${figureId} has no data table`);
    const text = (cell: Element) => cell.textContent?.trim() ?? "";
    return {
      columns: [...table.querySelectorAll("thead th")].map(text),
      rows: [...table.querySelectorAll("tbody tr")].map((row) => [...row.querySelectorAll("td")].map(text)),
    };
  }, id);
}

describe("figures' queries, statically", () => {
  it("a linked query round-trips through the URL, and one too long is neither linked nor read", () => {
    const sql = "SELECT 'a & b' AS x, 1 + 1 AS y\nFROM tracks;";
    expect(linkedQuery(linkedQuerySearch(sql))).toBe(sql);
    expect(linkedQuery("?other=1")).toBeUndefined();
    const long = `SELECT ${"1, ".repeat(MAX_LINKED_QUERY_LENGTH)}1 FROM tracks`;
    expect(() => linkedQuerySearch(long)).toThrow(/at most/);
    expect(linkedQuery(`?sql=${encodeURIComponent(long)}`)).toBeUndefined();
  });

  it("the figures drawn from one query link to the console with it, and show it", () => {
    const links = ["chapters/exploratory-analysis/", "chapters/genres/"].flatMap((path) => [
      ...parsePage(readPage(path)).querySelectorAll<HTMLAnchorElement>("a[data-figure-query]"),
    ]);
    // The correlations, the categorical distributions, each genre-means view, the super-genre sizes and spread.
    expect(links.length).toBeGreaterThanOrEqual(15);
    for (const link of links) {
      expect(link.textContent).toBe("Open this figure's query in the SQL console");
      const href = new URL(link.getAttribute("href") ?? "", "http://site.test");
      expect(href.pathname).toMatch(/\/explore\/$/);
      expect(href.hash).toBe(CONSOLE);
      const shown = link.closest(".figure-data")?.querySelector(".figure-query")?.textContent;
      expect(linkedQuery(href.search)).toBe(shown?.trim());
      expect(shown).toMatch(/\bFROM tracks\b/);
    }
    // Model figures have no query of their own.
    expect(parsePage(readPage("chapters/regression/")).querySelector("a[data-figure-query]")).toBeNull();
  });
});

requireChromiumUnderCi("figures' queries");

describe.runIf(chromiumAvailable)("a figure's query in the console", () => {
  const suite = servedSiteInChromium();

  /** Opens the figure's data, follows its console link, runs the query there and reads the outcome. */
  async function openAndRun(id: string): Promise<{ table: ShownTable; outcome: ConsoleOutcome }> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${suite.url}${CHAPTER[id]}`, { waitUntil: "load" });
      const figure = page.locator(`#figure-${id}`);
      // Inside a figure choice, show this figure's panel first.
      const choice = await page.$(`input.choice-input[id$="-${id}"]`);
      if (choice) await page.click(`label[for="${await choice.getAttribute("id")}"]`);
      await figure.locator(".figure-data summary").click();
      const table = await figureTable(page, id);
      const shown = (await figure.locator(".figure-query").textContent())?.trim();
      await figure.getByRole("link", { name: "Open this figure's query in the SQL console" }).click();
      await page.waitForURL(/\/explore\/\?sql=/);
      const editor = page.locator(`${CONSOLE} [data-part="editor"]`);
      // The query waits in the editor, not run until the reader runs it.
      await expect.poll(() => editor.inputValue()).toBe(shown);
      expect(await page.locator(CONSOLE).getAttribute("data-state")).toBe("idle");
      await page.click(`${CONSOLE} [data-part="run"]`);
      await page.waitForFunction(
        (selector) =>
          ["done", "error", "unavailable"].includes(
            document.querySelector<HTMLElement>(selector)?.dataset.state ?? "",
          ),
        CONSOLE,
        { timeout: 60_000 },
      );
      return { table, outcome: await readConsole(page, CONSOLE) };
    } finally {
      await context.close();
    }
  }

  /** The console's rows keyed by their first column. */
  const byFirst = (outcome: ConsoleOutcome) => new Map(outcome.rows.map((row) => [row[0] ?? "", row]));
  const cell = (outcome: ConsoleOutcome, row: string[] | undefined, column: string) =>
    Number(row?.[outcome.columns.indexOf(column)]);

  it("the correlation matrix", async () => {
    const { table, outcome } = await openAndRun("correlations");
    expect(outcome.state, outcome.error).toBe("done");
    expect(outcome.columns[0]).toBe("feature");
    expect(outcome.rows).toHaveLength(table.rows.length);
    const rows = byFirst(outcome);
    for (const shown of table.rows) {
      const [feature = "", ...values] = shown;
      const row = rows.get(feature);
      expect(row, feature).toBeDefined();
      // Columns in the same order as the table's; the diagonal computes to 1 within a rounding error.
      values.forEach((value, j) => {
        expect(dec(cell(outcome, row, outcome.columns[j + 1] ?? ""), 2), `${feature}, column ${j}`).toBe(
          value,
        );
      });
    }
  }, 120_000);

  it("the four categorical distributions", async () => {
    const { table, outcome } = await openAndRun("categorical");
    expect(outcome.state, outcome.error).toBe("done");
    expect(table.columns).toEqual(["variable", "stored value", "meaning", "tracks", "share"]);
    expect(outcome.columns).toEqual(["variable", "value", "tracks", "share"]);
    expect(outcome.rows).toHaveLength(table.rows.length);
    // One row per column and value; the query gives explicit's true and false as 1 and 0.
    const asQueried = (value: string) => ({ true: "1", false: "0" })[value] ?? value;
    const rows = new Map(outcome.rows.map((row) => [`${row[0]} ${row[1]}`, row]));
    for (const [variable = "", value = "", , tracks, share] of table.rows) {
      const row = rows.get(`${variable} ${asQueried(value)}`);
      expect(row, `${variable} ${value}`).toBeDefined();
      expect(int(cell(outcome, row, "tracks")), `${variable} ${value}`).toBe(tracks);
      expect(pct(cell(outcome, row, "share"), 2), `${variable} ${value}`).toBe(share);
    }
  }, 120_000);

  it("the tracks and genres of each super-genre, and of all tracks", async () => {
    const { table, outcome } = await openAndRun("super-genre-sizes");
    expect(outcome.state, outcome.error).toBe("done");
    expect(table.columns).toEqual(["super-genre", "genres", "tracks"]);
    // A row per super-genre, then one for all tracks.
    expect(outcome.rows).toHaveLength(table.rows.length + 1);
    const rows = byFirst(outcome);
    for (const [group = "", genres, tracks] of table.rows) {
      const row = rows.get(group);
      expect(int(cell(outcome, row, "genres")), group).toBe(genres);
      expect(int(cell(outcome, row, "tracks")), group).toBe(tracks);
    }
    const all = outcome.rows.at(-1);
    expect(all?.[0]).toBe("all tracks");
    const total = (k: number) => table.rows.reduce((sum, row) => sum + Number(row[k]?.replace(/\D/g, "")), 0);
    expect(int(cell(outcome, all, "genres"))).toBe(int(total(1)));
    expect(int(cell(outcome, all, "tracks"))).toBe(int(total(2)));
  }, 120_000);

  it("each super-genre's means in standard deviations from the mean of all tracks", async () => {
    const { table, outcome } = await openAndRun("super-genre-spread");
    expect(outcome.state, outcome.error).toBe("done");
    // The table: a feature per row, a super-genre per column; the query: a super-genre per row, then all tracks.
    const [first, ...groups] = table.columns;
    expect(first).toBe("feature");
    expect(outcome.rows).toHaveLength(groups.length + 1);
    const rows = byFirst(outcome);
    const all = rows.get("all tracks");
    expect(all).toBe(outcome.rows.at(-1));
    for (const [feature = "", ...shown] of table.rows) {
      const mean = cell(outcome, all, feature);
      const sd = cell(outcome, all, `${feature}_sd`);
      expect(sd, feature).toBeGreaterThan(0);
      groups.forEach((group, k) => {
        const z = (cell(outcome, rows.get(group), feature) - mean) / sd;
        expect(dec(z, 3), `${feature}, ${group}`).toBe(shown[k]);
      });
    }
  }, 120_000);

  it("each genre's mean energy", async () => {
    const { table, outcome } = await openAndRun("genre-means-energy");
    expect(outcome.state, outcome.error).toBe("done");
    const energy = table.columns.indexOf("mean energy");
    expect(table.columns.slice(0, 3)).toEqual(["genre", "super-genre", "tracks"]);
    expect(energy).toBeGreaterThan(2);
    const shown = new Map(table.rows.map((row) => [row[0] ?? "", row]));
    // The console shows its first page of genres (alphabetical); every one of them matches the table.
    expect(outcome.rows.length).toBeGreaterThanOrEqual(50);
    for (const row of outcome.rows) {
      const genre = row[0] ?? "";
      expect(shown.get(genre)?.[2], genre).toBe(int(cell(outcome, row, "tracks")));
      expect(shown.get(genre)?.[energy], genre).toBe(sig(cell(outcome, row, "energy"), 4));
    }
  }, 120_000);
});
