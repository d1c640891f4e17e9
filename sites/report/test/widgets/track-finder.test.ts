import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DUCKDB_DIR, DUCKDB_WORKER } from "../../src/widgets/duckdb/files.ts";
import {
  featureScaleQuery,
  MAX_SEARCH_LENGTH,
  NEIGHBOUR_FEATURES,
  NEIGHBOURS,
  neighboursQuery,
  parseFeatureScales,
  parseNeighbours,
  parseSearch,
  searchProblem,
  searchQuery,
  trackQuery,
} from "../../src/widgets/track-finder/queries.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { type StaticSite, serveStatic } from "../support/server.ts";
import { ensureBuilt, expectedBase } from "../support/site.ts";
import { openRecorded } from "../support/widgets.ts";
import {
  HOSTILE,
  hostileSite,
  markPending,
  type NodeTracks,
  openNodeTracks,
  settled,
  widgetDist,
} from "./support-b.ts";

interface Row {
  id: string;
  name: string;
  artists: string;
  album: string;
  genre: string;
  popularity: number;
  values: number[];
}

describe("track finder queries", () => {
  let tracks: NodeTracks;
  let raw: Row[];

  beforeAll(async () => {
    tracks = await openNodeTracks();
    const result = await tracks.query(
      `SELECT track_id, track_name, artists, album_name, track_genre, popularity, ${NEIGHBOUR_FEATURES.join(", ")} FROM tracks`,
    );
    raw = result.rows.map((row) => ({
      id: row[0] as string,
      name: row[1] as string,
      artists: row[2] as string,
      album: row[3] as string,
      genre: row[4] as string,
      popularity: row[5] as number,
      values: row.slice(6) as number[],
    }));
  });

  afterAll(() => tracks?.close());

  const run = async (query: { sql: string; params: (string | number)[] }) =>
    tracks.query(query.sql, query.params);

  /** Track IDs whose name, artists or album contain `text`, ignoring case (ASCII queries only). */
  function matching(text: string): Set<string> {
    const needle = text.trim().toLowerCase();
    return new Set(
      raw
        .filter((r) => [r.name, r.artists, r.album].some((field) => field.toLowerCase().includes(needle)))
        .map((r) => r.id),
    );
  }

  // "100%" and "_" would match far more as LIKE patterns; a quote would break string-built SQL.
  it.each(["layla", "LAYLA", "  layla ", "100%", "_", "keb' mo'", "<"])(
    "searching %j finds exactly the tracks containing it, most popular first",
    async (text) => {
      const expected = matching(text);
      const page = parseSearch(await run(searchQuery(text, 50)));
      expect(page.total).toBe(expected.size);
      expect(page.hits.length).toBe(Math.min(50, expected.size));
      for (const hit of page.hits) expect(expected.has(hit.trackId)).toBe(true);
      const popularity = page.hits.map((hit) => hit.popularity.max);
      expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
    },
  );

  it("pages through the hits without gaps or repeats", async () => {
    const expected = matching("love");
    const seen: string[] = [];
    for (let offset = 0; offset < 120; offset += 40) {
      const page = parseSearch(await run(searchQuery("love", 40, offset)));
      expect(page.total).toBe(expected.size);
      seen.push(...page.hits.map((hit) => hit.trackId));
    }
    expect(new Set(seen).size).toBe(120);
  });

  it("a hit lists every genre its track is listed under", async () => {
    // The track listed under the most genres.
    const genresById = new Map<string, Set<string>>();
    for (const r of raw) genresById.set(r.id, (genresById.get(r.id) ?? new Set()).add(r.genre));
    const [id, genres] = [...genresById].sort(
      (a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]),
    )[0] as [string, Set<string>];
    const [hit] = parseSearch(await run(trackQuery(id))).hits;
    expect(hit?.genres).toEqual([...genres].sort());
    expect(hit?.genres.length).toBeGreaterThan(5);
    const pops = raw.filter((r) => r.id === id).map((r) => r.popularity);
    expect(hit?.popularity).toEqual({ min: Math.min(...pops), max: Math.max(...pops) });
  });

  it("nearest neighbours: standardised Euclidean distance over distinct tracks, the recording itself excluded", async () => {
    // One row per track; standard deviations over tracks, computed here.
    const byId = new Map<string, Row>();
    for (const r of raw) if (!byId.has(r.id)) byId.set(r.id, r);
    const unique = [...byId.values()];
    const sds = NEIGHBOUR_FEATURES.map((_, j) => {
      const xs = unique.map((r) => r.values[j] as number);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    });
    const scales = parseFeatureScales(await run(featureScaleQuery()));
    NEIGHBOUR_FEATURES.forEach((f, j) => {
      expect(scales[f]).toBeCloseTo(sds[j] as number, 9);
    });

    const query = raw.find((r) => r.name === "Layla" && r.artists === "Derek & The Dominos") as Row;
    const ranked = unique
      .filter((r) => r.id !== query.id && !(r.name === query.name && r.artists === query.artists))
      .map((r) => ({
        r,
        d: Math.sqrt(
          r.values.reduce((a, x, j) => a + ((x - (query.values[j] as number)) / (sds[j] as number)) ** 2, 0),
        ),
      }))
      .sort((a, b) => a.d - b.d || (a.r.id < b.r.id ? -1 : 1));
    const seen = new Set<string>();
    const expected = ranked
      .filter(({ r }) => {
        const key = `${r.name}\u0000${r.artists}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, NEIGHBOURS);

    const neighbours = parseNeighbours(await run(neighboursQuery(query.id, scales)));
    expect(neighbours.map((n) => n.trackId)).toEqual(expected.map((e) => e.r.id));
    neighbours.forEach((n, i) => {
      expect(n.distance).toBeCloseTo(expected[i]?.d as number, 9);
    });
    expect(neighbours.some((n) => n.trackName === "Layla" && n.artists === "Derek & The Dominos")).toBe(
      false,
    );
  });

  it("rejects a page size or offset that is not a whole number", () => {
    expect(() => searchQuery("x", 1.5)).toThrow(/whole number/);
    expect(() => searchQuery("x", 10, -1)).toThrow(/whole number/);
  });

  it("bounds a search's length above the longest name in the table, with a message saying why", async () => {
    const [longest] = (
      await tracks.query(
        "SELECT max(greatest(length(track_name), length(artists), length(album_name))) AS n FROM tracks",
      )
    ).rows;
    expect(Number(longest?.[0])).toBeLessThan(MAX_SEARCH_LENGTH);
    expect(searchProblem("a")).toBe("Type at least 2 characters of a track, artist or album name.");
    expect(searchProblem(` ${"a".repeat(MAX_SEARCH_LENGTH)} `)).toBeNull();
    const tooLong = "a".repeat(400_000);
    expect(searchProblem(tooLong)).toBe(
      "A search is at most 1,000 characters (this one has 400,000); no track, artist or album name is that long.",
    );
    expect(() => searchQuery(tooLong, 10)).toThrow(RangeError);
  });
});

describe.runIf(chromiumAvailable)("the track finder in a browser", () => {
  const WIDGET = "[data-widget='track-finder']";
  const PAGE = "explore/";
  let browser: Browser;
  let site: StaticSite;
  /** The most popular track, as DuckDB in Node finds it, with every genre it is listed under. */
  let known: { id: string; name: string; genres: string[] };

  beforeAll(async () => {
    await ensureBuilt(widgetDist);
    site = await serveStatic(widgetDist, expectedBase);
    browser = await launchChromium();
    const tracks = await openNodeTracks();
    const [top] = (
      await tracks.query("SELECT track_id, track_name FROM tracks ORDER BY popularity DESC, track_id LIMIT 1")
    ).rows;
    const genres = await tracks.query(
      "SELECT track_genre FROM tracks WHERE track_id = ? ORDER BY track_genre",
      [top?.[0] as string],
    );
    known = {
      id: top?.[0] as string,
      name: top?.[1] as string,
      genres: genres.rows.map((row) => row[0] as string),
    };
    tracks.close();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function searchFor(page: Page, text: string) {
    await page.locator(WIDGET).scrollIntoViewIfNeeded();
    await markPending(page, WIDGET);
    await page.fill(`${WIDGET} input[name='q']`, text);
    // The first settled status may be the prompt to type; wait for the search's own.
    await page.waitForFunction(
      ({ root, needle }) => {
        const status = document.querySelector(`${root} [data-status]`);
        const state = status?.getAttribute("data-state");
        return (state === "done" || state === "error") && (status?.textContent ?? "").includes(needle);
      },
      { root: WIDGET, needle: text.trim() },
      { timeout: 90_000 },
    );
    return settled(page, WIDGET);
  }

  it("finds a known track as you type and shows all its genres and ten neighbours", async () => {
    const context = await browser.newContext();
    const { page, errors, foreign } = await openRecorded(context, `${site.url}${PAGE}`);
    const status = await searchFor(page, known.name.toUpperCase());
    expect(status.state, status.text).toBe("done");
    const hit = page.locator(`${WIDGET} [data-hits] button[data-track-id='${known.id}']`);
    expect(await hit.count()).toBe(1);
    await hit.click();
    await page.waitForSelector(`${WIDGET} [data-detail] [data-neighbours] button`, { timeout: 60_000 });
    const detail = await page.evaluate((root) => {
      const widget = document.querySelector(root) as HTMLElement;
      return {
        title: widget.querySelector("[data-detail] .track-finder-title")?.textContent,
        genres: widget.querySelector<HTMLElement>("[data-detail] [data-genres]")?.dataset.genres?.split(","),
        neighbours: [...widget.querySelectorAll<HTMLElement>("[data-neighbours] button")].map(
          (button) => button.dataset.trackId,
        ),
      };
    }, WIDGET);
    expect(detail.title).toBe(known.name);
    expect(detail.genres).toEqual(known.genres);
    expect(detail.neighbours).toHaveLength(10);
    expect(detail.neighbours).not.toContain(known.id);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("refuses a search of 400,000 characters with a message, and the next search works", async () => {
    const context = await browser.newContext();
    const { page, errors, foreign } = await openRecorded(context, `${site.url}${PAGE}`);
    await page.locator(WIDGET).scrollIntoViewIfNeeded();
    await page.fill(`${WIDGET} input[name='q']`, "a".repeat(400_000));
    await page.waitForFunction(
      (root) => document.querySelector(`${root} [data-status]`)?.getAttribute("data-state") === "error",
      WIDGET,
      { timeout: 30_000 },
    );
    expect(await page.textContent(`${WIDGET} [data-status]`)).toBe(
      "A search is at most 1,000 characters (this one has 400,000); no track, artist or album name is that long.",
    );
    const status = await searchFor(page, known.name);
    expect(status.state, status.text).toBe("done");
    expect(await page.locator(`${WIDGET} [data-hits] button[data-track-id='${known.id}']`).count()).toBe(1);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("renders hostile names, artists, albums and genres as text, never as HTML", async () => {
    const hostile = await hostileSite(widgetDist, known.id);
    const hostileServer = await serveStatic(hostile.root, expectedBase);
    const context = await browser.newContext();
    const dialogs: string[] = [];
    try {
      const { page, errors, foreign } = await openRecorded(context, `${hostileServer.url}${PAGE}`);
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const status = await searchFor(page, HOSTILE.trackName);
      expect(status.state, status.text).toBe("done");
      expect(status.text).toContain(HOSTILE.trackName);
      await page.click(`${WIDGET} [data-hits] button[data-track-id='${known.id}']`);
      await page.waitForSelector(`${WIDGET} [data-detail] [data-neighbours] button`, { timeout: 60_000 });
      const shown = await page.evaluate((root) => {
        const widget = document.querySelector(root) as HTMLElement;
        return {
          hit: widget.querySelector("[data-hits] .track-finder-name")?.textContent,
          byline: widget.querySelector("[data-hits] .track-finder-by")?.textContent,
          title: widget.querySelector("[data-detail] .track-finder-title")?.textContent,
          genres: widget.querySelector("[data-detail] [data-genres]")?.textContent,
          injected: widget.querySelectorAll("img, script, b, i").length,
        };
      }, WIDGET);
      expect(shown.hit).toBe(HOSTILE.trackName);
      expect(shown.title).toBe(HOSTILE.trackName);
      expect(shown.byline).toBe(`${HOSTILE.artists.split(";").join(", ")} · ${HOSTILE.album}`);
      expect(shown.genres).toContain(HOSTILE.genre);
      expect(shown.injected).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
      await hostileServer.close();
      hostile.remove();
    }
  });

  it("says plainly when the database worker cannot load, and the rest of the page still works", async () => {
    const context = await browser.newContext();
    await context.route(`**/${DUCKDB_DIR}/${DUCKDB_WORKER}`, (route) => route.abort());
    const { page, foreign } = await openRecorded(context, `${site.url}${PAGE}`);
    await page.locator(WIDGET).scrollIntoViewIfNeeded();
    await page.fill(`${WIDGET} input[name='q']`, "love");
    const status = await settled(page, WIDGET);
    expect(status.state).toBe("error");
    expect(status.text).toMatch(/could not start/);
    expect(await page.isVisible(`${WIDGET} [data-requirement]`)).toBe(true);
    expect(await page.locator("main h1").textContent()).toBe("Explore the data");
    expect(foreign).toEqual([]);
    await context.close();
  });
});
