import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { type StaticSite, serveStatic } from "../support/server.ts";
import { ensureBuilt, expectedBase } from "../support/site.ts";
import { openRecorded, runInConsole } from "../support/widgets.ts";
import { markPending, openNodeTracks, settled, widgetDist } from "./support-b.ts";

/**
 * Issue 13: nothing a reader runs in the SQL console breaks the widgets or falsifies their answers. The
 * console has a connection of its own; DDL on `tracks` or the main database must not reach the widgets'
 * connection, and detaching a database file every connection needs restarts the database by itself.
 */

const CONSOLE = "#sql-console";
const FINDER = "[data-widget='track-finder']";
const EXPLORER = "[data-widget='genre-explorer']";

/** What the widgets must show, from DuckDB in Node over the same files. */
interface Expected {
  /** The most popular track. */
  track: { id: string; name: string };
  /** The explorer's table: each super-genre's distinct tracks, as the page formats them. */
  explorer: { group: string; tracks: string }[];
  distinctTracks: string;
}

describe.runIf(chromiumAvailable)("the widgets whatever the console ran", () => {
  let browser: Browser;
  let site: StaticSite;
  let expected: Expected;

  beforeAll(async () => {
    await ensureBuilt(widgetDist);
    site = await serveStatic(widgetDist, expectedBase);
    browser = await launchChromium();
    const tracks = await openNodeTracks();
    const [top] = (
      await tracks.query("SELECT track_id, track_name FROM tracks ORDER BY popularity DESC, track_id LIMIT 1")
    ).rows;
    const groups = await tracks.query(
      "SELECT super_genre, count(DISTINCT track_id) AS n FROM tracks GROUP BY super_genre ORDER BY super_genre",
    );
    const [distinct] = (await tracks.query("SELECT count(DISTINCT track_id) FROM tracks")).rows;
    tracks.close();
    expected = {
      track: { id: top?.[0] as string, name: top?.[1] as string },
      explorer: groups.rows.map(([group, n]) => ({
        group: group as string,
        tracks: (n as number).toLocaleString("en-US"),
      })),
      distinctTracks: String(distinct?.[0]),
    };
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  let searches = 0;

  /** Searches the track finder for the known track (in another case each time, so that it searches again). */
  async function finderAnswer(page: Page): Promise<{ state: string; text: string; hits: number }> {
    await page.locator(FINDER).scrollIntoViewIfNeeded();
    await markPending(page, FINDER);
    const name = expected.track.name;
    const text = searches++ % 2 === 0 ? name.toUpperCase() : name.toLowerCase();
    await page.fill(`${FINDER} input[name='q']`, text);
    await page.waitForFunction(
      ({ root, needle }) => {
        const status = document.querySelector(`${root} [data-status]`);
        const state = status?.getAttribute("data-state");
        return (state === "done" || state === "error") && (status?.textContent ?? "").includes(needle);
      },
      { root: FINDER, needle: text.trim() },
      { timeout: 90_000 },
    );
    const status = await settled(page, FINDER);
    const hits = await page
      .locator(`${FINDER} [data-hits] button[data-track-id='${expected.track.id}']`)
      .count();
    return { ...status, hits };
  }

  /** Runs the genre explorer; returns its status and its table of super-genres and distinct tracks. */
  async function explorerAnswer(page: Page) {
    await page.locator(EXPLORER).scrollIntoViewIfNeeded();
    await markPending(page, EXPLORER);
    await page.click(`${EXPLORER} button[type='submit']`);
    const status = await settled(page, EXPLORER);
    const rows = await page.evaluate(
      (root) =>
        [...document.querySelectorAll(`${root} [data-stats] tbody tr`)].map((row) => ({
          group: row.querySelector("th")?.textContent ?? "",
          tracks: row.querySelector("td")?.textContent ?? "",
        })),
      EXPLORER,
    );
    return { ...status, rows };
  }

  /** The track finder has the known track among its hits, and the explorer matches Node. */
  async function widgetsAnswerCorrectly(page: Page): Promise<void> {
    const finder = await finderAnswer(page);
    expect(finder.state, finder.text).toBe("done");
    expect(finder.hits, "the known track is among the hits").toBe(1);
    const explorer = await explorerAnswer(page);
    expect(explorer.state, explorer.text).toBe("done");
    expect(explorer.rows).toEqual(expected.explorer);
  }

  it("DDL on `tracks` and the main database in the console changes nothing the widgets read", async () => {
    const context = await browser.newContext();
    try {
      const { page, errors } = await openRecorded(context, `${site.url}explore/`);
      await widgetsAnswerCorrectly(page);

      // The console's own view: dropping it leaves the widgets' own.
      const dropped = await runInConsole(page, CONSOLE, "DROP VIEW tracks");
      expect([dropped.state, dropped.error]).toEqual(["done", ""]);
      await widgetsAnswerCorrectly(page);
      // The main database is the read-only file: no view, table or macro can be created in it.
      for (const sql of [
        "CREATE OR REPLACE VIEW main.tracks AS SELECT 1 AS x",
        "CREATE TABLE tracks2 AS SELECT 1",
        "CREATE MACRO count_star() AS 42",
        "ATTACH ':memory:' AS scratch",
      ]) {
        const refused = await runInConsole(page, CONSOLE, sql);
        expect(refused.state, sql).toBe("error");
      }
      // The console's temporary objects are its own, even a view named `tracks` and a macro that
      // shadows a built-in function.
      const own = await runInConsole(
        page,
        CONSOLE,
        "CREATE OR REPLACE TEMP VIEW tracks AS SELECT 1 AS x; CREATE TEMP MACRO count_star() AS 42; SELECT count(*) AS n FROM tracks",
      );
      expect([own.state, own.error, own.rows]).toEqual(["done", "", [["42"]]]);

      await widgetsAnswerCorrectly(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("detaching a database file from the console restarts the database by itself; the console and widgets work after", async () => {
    const context = await browser.newContext();
    try {
      const { page } = await openRecorded(context, `${site.url}explore/`);
      // The main database cannot be detached while it is the connection's default: DuckDB refuses.
      const refused = await runInConsole(page, CONSOLE, "DETACH core");
      expect(refused.state).toBe("error");
      expect(refused.error).toMatch(/default database/);

      // Made another the default, it can: then every connection has lost it, so the database restarts.
      // Likewise the track IDs' file.
      for (const sql of ["USE ids; DETACH core", "DETACH ids"]) {
        const detached = await runInConsole(page, CONSOLE, sql);
        expect(detached.state, sql).toBe("error");
        expect(detached.status, sql).toMatch(/restarted by itself with its files attached again/);
        expect(detached.error, sql).toMatch(/detached one of the database's files/);

        const after = await runInConsole(page, CONSOLE, "SELECT count(DISTINCT track_id) AS n FROM tracks");
        expect([after.state, after.error, after.rows], sql).toEqual([
          "done",
          "",
          [[expected.distinctTracks]],
        ]);
        await widgetsAnswerCorrectly(page);
      }
    } finally {
      await context.close();
    }
  });
});
