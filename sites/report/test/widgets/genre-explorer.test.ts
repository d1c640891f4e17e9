import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  categoryQuery,
  histogramQuery,
  parseCategories,
  parseHistogram,
  parseStats,
  type Selection,
  statsQuery,
} from "../../src/widgets/genre-explorer/queries.ts";
import { CLIP_QUANTILE, HISTOGRAM_BINS } from "../../src/widgets/genre-explorer/spec.ts";
import { chromiumAvailable, launchChromium, luminance } from "../support/browser.ts";
import { type StaticSite, serveStatic } from "../support/server.ts";
import { ensureBuilt, expectedBase } from "../support/site.ts";
import { openRecorded } from "../support/widgets.ts";
import { markPending, type NodeTracks, openNodeTracks, settled, widgetDist } from "./support-b.ts";

/** Linear interpolation between order statistics (R's type 7, numpy's default), on sorted values. */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (b - a) * (h - lo);
}

/**
 * The explorer's SQL checked against plain TypeScript over the raw rows: each track once per group (its
 * highest value where its rows differ), then counts, moments and quantiles computed here independently.
 */
describe("genre explorer queries", () => {
  let tracks: NodeTracks;
  let raw: { superGenre: string; genre: string; id: string; values: Record<string, number> }[];
  const FEATURES = ["tempo", "popularity", "duration_ms", "key", "explicit", "instrumentalness"];

  beforeAll(async () => {
    tracks = await openNodeTracks();
    const result = await tracks.query(
      `SELECT super_genre, track_genre, track_id, ${FEATURES.map((f) => `CAST(${f} AS DOUBLE) AS ${f}`).join(", ")} FROM tracks`,
    );
    raw = result.rows.map((row) => ({
      superGenre: row[0] as string,
      genre: row[1] as string,
      id: row[2] as string,
      values: Object.fromEntries(FEATURES.map((f, i) => [f, row[3 + i] as number])),
    }));
  });

  afterAll(() => tracks?.close());

  /** Values of `feature` per group, each track once per group with its highest value. */
  function shown({ grouping, feature, groups }: Selection): Map<string, number[]> {
    const perTrack = new Map<string, Map<string, number>>(groups.map((g) => [g, new Map()]));
    for (const row of raw) {
      const group = grouping === "super_genre" ? row.superGenre : row.genre;
      const tracksOfGroup = perTrack.get(group);
      if (!tracksOfGroup) continue;
      const value = row.values[feature] as number;
      tracksOfGroup.set(row.id, Math.max(value, tracksOfGroup.get(row.id) ?? Number.NEGATIVE_INFINITY));
    }
    return new Map([...perTrack].map(([g, m]) => [g, [...m.values()].sort((a, b) => a - b)]));
  }

  it("summary statistics per group match an independent computation", async () => {
    const selection: Selection = {
      grouping: "super_genre",
      feature: "tempo",
      groups: ["metal", "jazz", "pop"],
    };
    const stats = parseStats(await tracks.query(statsQuery(selection).sql, statsQuery(selection).params));
    expect(stats.map((s) => s.group)).toEqual(["jazz", "metal", "pop"]);
    const expected = shown(selection);
    for (const s of stats) {
      const values = expected.get(s.group) as number[];
      const n = values.length;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
      expect(s.n).toBe(n);
      expect(s.mean).toBeCloseTo(mean, 9);
      expect(s.sd).toBeCloseTo(sd, 9);
      expect(s.min).toBe(values[0]);
      expect(s.max).toBe(values[n - 1]);
      for (const [key, p] of [
        ["p05", 0.05],
        ["q1", 0.25],
        ["median", 0.5],
        ["q3", 0.75],
        ["p95", 0.95],
      ] as const)
        expect(s[key]).toBeCloseTo(quantile(values, p), 9);
    }
  });

  it("a track listed under several genres of one super-genre counts once in it", async () => {
    const selection: Selection = { grouping: "super_genre", feature: "tempo", groups: ["rock"] };
    const [rock] = parseStats(await tracks.query(statsQuery(selection).sql, statsQuery(selection).params));
    const rows = raw.filter((row) => row.superGenre === "rock");
    expect(rock?.n).toBe(new Set(rows.map((row) => row.id)).size);
    expect(rock?.n).toBeLessThan(rows.length);
  });

  it.each([
    ["duration_ms", "track_genre", ["ambient", "grindcore", "sleep"]],
    ["instrumentalness", "super_genre", ["classical", "electronic"]],
  ] as const)(
    "%s histogram: bins between the clip quantiles, counts match",
    async (feature, grouping, groups) => {
      const selection: Selection = { grouping, feature, groups: [...groups] };
      const histogram = parseHistogram(
        await tracks.query(histogramQuery(selection).sql, histogramQuery(selection).params),
      );
      const perGroup = shown(selection);
      const all = [...perGroup.values()].flat().sort((a, b) => a - b);
      const lo = quantile(all, CLIP_QUANTILE);
      const hi = quantile(all, 1 - CLIP_QUANTILE);
      const width = (hi - lo) / HISTOGRAM_BINS;
      expect(histogram.lo).toBe(lo);
      expect(histogram.hi).toBeCloseTo(hi, 9);
      expect(histogram.below).toBe(all.filter((v) => v < lo).length);
      expect(histogram.above).toBe(all.filter((v) => v > hi).length);
      for (const [group, values] of perGroup) {
        const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
        for (const v of values) {
          const bin = Math.min(Math.max(Math.floor((v - lo) / width), 0), HISTOGRAM_BINS - 1);
          counts[bin] = (counts[bin] ?? 0) + 1;
        }
        const got = new Array<number>(HISTOGRAM_BINS).fill(0);
        for (const bin of histogram.bins.filter((b) => b.group === group))
          got[Math.round((bin.x0 - lo) / width)] = bin.n;
        expect(got).toEqual(counts);
      }
    },
  );

  it("an integer feature gets whole-number bin edges of equal width", async () => {
    const selection: Selection = { grouping: "super_genre", feature: "popularity", groups: ["pop", "world"] };
    const histogram = parseHistogram(
      await tracks.query(histogramQuery(selection).sql, histogramQuery(selection).params),
    );
    const perGroup = shown(selection);
    const all = [...perGroup.values()].flat().sort((a, b) => a - b);
    const lo = Math.floor(quantile(all, CLIP_QUANTILE));
    const top = Math.ceil(quantile(all, 1 - CLIP_QUANTILE));
    const width = Math.max(1, Math.ceil((top - lo + 1) / HISTOGRAM_BINS));
    const binCount = Math.ceil((top - lo + 1) / width);
    expect(histogram.lo).toBe(lo);
    expect(histogram.hi).toBe(lo + binCount * width);
    for (const bin of histogram.bins) {
      expect(Number.isInteger(bin.x0)).toBe(true);
      expect(bin.x1 - bin.x0).toBe(width);
    }
    for (const [group, values] of perGroup) {
      const inFirstBin = values.filter((v) => v < lo + width).length;
      const first = histogram.bins.find((b) => b.group === group && b.x0 === lo);
      expect(first?.n ?? 0).toBe(inFirstBin);
      const total = histogram.bins.filter((b) => b.group === group).reduce((a, b) => a + b.n, 0);
      expect(total).toBe(values.length);
    }
  });

  it("a categorical feature is counted per value", async () => {
    const selection: Selection = { grouping: "track_genre", feature: "key", groups: ["blues", "techno"] };
    const counts = parseCategories(
      await tracks.query(categoryQuery(selection).sql, categoryQuery(selection).params),
    );
    for (const [group, values] of shown(selection)) {
      for (let key = 0; key < 12; key++) {
        const got = counts.find((c) => c.group === group && c.value === key)?.n ?? 0;
        expect(got).toBe(values.filter((v) => v === key).length);
      }
    }
    const explicit: Selection = { grouping: "super_genre", feature: "explicit", groups: ["hip-hop"] };
    const flags = parseCategories(
      await tracks.query(categoryQuery(explicit).sql, categoryQuery(explicit).params),
    );
    expect(flags.map((c) => c.value)).toEqual([0, 1]);
  });

  it("groups reach SQL only as parameters; identifiers only from the allow-lists", () => {
    const hostile = "x') OR 1=1; DROP TABLE tracks; --";
    const query = statsQuery({ grouping: "track_genre", feature: "energy", groups: [hostile] });
    expect(query.sql).not.toContain(hostile);
    expect(query.params).toEqual([hostile]);
    expect(() =>
      statsQuery({
        grouping: "track_genre; DROP TABLE tracks" as "track_genre",
        feature: "energy",
        groups: ["a"],
      }),
    ).toThrow(/Unknown grouping/);
    expect(() =>
      statsQuery({ grouping: "track_genre", feature: "track_name" as "energy", groups: ["a"] }),
    ).toThrow(/Unknown feature/);
    expect(() => statsQuery({ grouping: "track_genre", feature: "energy", groups: [] })).toThrow(
      /at least one/,
    );
    const eleven = Array.from({ length: 11 }, (_, i) => `g${i}`);
    expect(() => statsQuery({ grouping: "track_genre", feature: "energy", groups: eleven })).toThrow(
      /at most 10/,
    );
    expect(() => histogramQuery({ grouping: "track_genre", feature: "key", groups: ["a"] })).toThrow(
      /categorical/,
    );
  });
});

describe.runIf(chromiumAvailable)("the genre explorer in a browser", () => {
  const WIDGET = "[data-widget='genre-explorer']";
  const CHAPTER = "chapters/genres/";
  let browser: Browser;
  let site: StaticSite;

  beforeAll(async () => {
    await ensureBuilt(widgetDist);
    site = await serveStatic(widgetDist, expectedBase);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("draws every super-genre's histogram, with each group's track count as DuckDB in Node counts it", async () => {
    const context = await browser.newContext({ colorScheme: "dark" });
    const { page, errors, foreign } = await openRecorded(context, `${site.url}${CHAPTER}`);
    await page.locator(WIDGET).scrollIntoViewIfNeeded();
    await page.click(`${WIDGET} button[type='submit']`);
    const status = await settled(page, WIDGET);
    expect(status.state, status.text).toBe("done");

    const drawn = await page.evaluate((root) => {
      const widget = document.querySelector(root) as HTMLElement;
      const svg = widget.querySelector("[data-plot] svg");
      const rows = [...widget.querySelectorAll("[data-stats] tbody tr")].map((row) => ({
        group: row.querySelector("th")?.textContent ?? "",
        tracks: row.querySelector("td")?.textContent ?? "",
      }));
      return {
        bars: svg?.querySelectorAll("rect").length ?? 0,
        axisColour: svg ? getComputedStyle(svg).color : "",
        rows,
      };
    }, WIDGET);
    const tracks = await openNodeTracks();
    const expected = await tracks.query(
      "SELECT super_genre, count(DISTINCT track_id) AS n FROM tracks GROUP BY super_genre ORDER BY super_genre",
    );
    tracks.close();
    expect(drawn.rows).toEqual(
      expected.rows.map(([group, n]) => ({ group, tracks: (n as number).toLocaleString("en-US") })),
    );
    expect(drawn.bars).toBeGreaterThan(10 * 20);
    // Legible in the dark theme: the axes and labels take the page's light text colour.
    expect(luminance(drawn.axisColour)).toBeGreaterThan(0.5);

    // Another feature, as box plots of genres.
    await markPending(page, WIDGET);
    await page.check(`${WIDGET} input[value='track_genre']`);
    await page.check(`${WIDGET} input[value='box']`);
    await page.selectOption(`${WIDGET} select[name='feature']`, "loudness");
    expect((await settled(page, WIDGET)).state).toBe("done");
    const genres = await page.$$eval(`${WIDGET} [data-stats] tbody th`, (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(genres).toEqual(["ambient", "death-metal", "edm", "hip-hop", "jazz"]);
    expect(await page.locator(`${WIDGET} [data-plot] svg`).count()).toBe(1);

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("says plainly that it needs WebAssembly when there is none, and the rest of the page still works", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // A browser without WebAssembly.
      Reflect.deleteProperty(globalThis, "WebAssembly");
    });
    const { page, foreign } = await openRecorded(context, `${site.url}${CHAPTER}`);
    await page.locator(WIDGET).scrollIntoViewIfNeeded();
    await page.click(`${WIDGET} button[type='submit']`);
    const status = await settled(page, WIDGET);
    expect(status.state).toBe("error");
    expect(status.text).toMatch(/WebAssembly/);
    expect(await page.isVisible(`${WIDGET} [data-requirement]`)).toBe(true);
    expect(await page.isDisabled(`${WIDGET} button[type='submit']`)).toBe(true);
    // The chapter's own figures are untouched.
    expect(await page.locator("main figure.figure svg").count()).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("without JavaScript, shows the note that it needs JavaScript and keeps its controls off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}${CHAPTER}`);
    expect(await page.isVisible(`${WIDGET} [data-requirement]`)).toBe(true);
    expect(await page.textContent(`${WIDGET} [data-requirement]`)).toMatch(
      /needs JavaScript and WebAssembly/,
    );
    expect(await page.isDisabled(`${WIDGET} select[name='feature']`)).toBe(true);
    await context.close();
  });
});
