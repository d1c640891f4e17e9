import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { DESCRIBED_COLUMNS, NUMERIC_FEATURES } from "../src/columns.ts";
import { openDatabase } from "../src/db.ts";
import { categorical } from "../src/eda/categorical.ts";
import { readNumericColumns } from "../src/eda/columns-js.ts";
import { correlatedPairs, pairColumns } from "../src/eda/correlated-pairs.ts";
import { correlations } from "../src/eda/correlations.ts";
import { describe } from "../src/eda/describe.ts";
import { genreMeans } from "../src/eda/genre-means.ts";
import { histograms, histogramsFromTable } from "../src/eda/histograms.ts";
import { superGenres } from "../src/eda/super-genres.ts";
import { readerQuery } from "../src/results/schemas.ts";
import { type TrackRow, track } from "./support/fixture.ts";
import { mean, pearson, quantile, sampleStd } from "./support/reference.ts";
import { createTracksTable } from "./support/tables.ts";

// 240 tracks; energy is made to follow loudness so at least one pair passes |r| > 0.4.
const rows: TrackRow[] = Array.from({ length: 240 }, (_, i) => {
  const base = track(i);
  return { ...base, energy: Math.min(1, Math.max(0, 1 + base.loudness / 30 + ((i * 7) % 10) / 100)) };
});
const column = (name: keyof TrackRow) => rows.map((row) => Number(row[name]));

group("EDA on a generated fixture, against independent reference computations", () => {
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await openDatabase();
    await createTracksTable(db, rows, "tracks");
    await db.run(
      "ALTER TABLE tracks ADD COLUMN super_genre VARCHAR; UPDATE tracks SET super_genre = CASE track_genre WHEN 'rock' THEN 'rock' WHEN 'pop' THEN 'pop' WHEN 'jazz' THEN 'jazz' ELSE 'misc' END",
    );
  });
  afterAll(() => db.closeSync());

  it("describe() gives pandas' count, mean, sample std, min, quartiles and max", async () => {
    const result = await describe(db, "tracks");
    expect(result.rows).toBe(240);
    expect(result.columns.map((c) => c.column)).toEqual([...DESCRIBED_COLUMNS]);
    for (const summary of result.columns) {
      const values = column(summary.column as keyof TrackRow);
      expect(summary.count).toBe(240);
      expect(summary.mean).toBeCloseTo(mean(values), 9);
      expect(summary.std).toBeCloseTo(sampleStd(values), 9);
      expect(summary.min).toBe(Math.min(...values));
      expect(summary.max).toBe(Math.max(...values));
      expect(summary.q25).toBeCloseTo(quantile(values, 0.25), 9);
      expect(summary.q50).toBeCloseTo(quantile(values, 0.5), 9);
      expect(summary.q75).toBeCloseTo(quantile(values, 0.75), 9);
    }
  });

  it("correlations are Pearson's r, symmetric with a unit diagonal", async () => {
    const result = await correlations(db, "tracks");
    expect(result.columns).toEqual([...NUMERIC_FEATURES]);
    result.columns.forEach((a, i) => {
      result.columns.forEach((b, j) => {
        const r = result.matrix[i]?.[j] as number;
        expect(r).toBe(result.matrix[j]?.[i]);
        expect(r).toBeCloseTo(
          i === j ? 1 : pearson(column(a as keyof TrackRow), column(b as keyof TrackRow)),
          9,
        );
      });
    });
  });

  it("correlated pairs are exactly those above the threshold, with x the later column", async () => {
    const corr = await correlations(db, "tracks");
    const values = await readNumericColumns(db, "tracks", NUMERIC_FEATURES);
    const result = correlatedPairs(corr, values);
    const expected: string[] = [];
    NUMERIC_FEATURES.forEach((a, i) => {
      NUMERIC_FEATURES.slice(i + 1).forEach((b) => {
        if (Math.abs(pearson(column(a), column(b))) > 0.4) expected.push(`${b}→${a}`);
      });
    });
    expect(result.pairs.map((p) => `${p.x}→${p.y}`)).toEqual(expected);
    expect(expected).toContain("loudness→energy");
    for (const pair of result.pairs) {
      // For a least-squares line, R² equals r².
      expect(pair.linear.r2).toBeCloseTo(pair.r ** 2, 9);
      expect(pair.quadratic.r2).toBeGreaterThanOrEqual(pair.linear.r2 - 1e-12);
      expect(pair.density.counts.reduce((a, b) => a + b, 0)).toBe(240);
    }
  });

  it("correlated pairs need only their own columns, read chunk by chunk in file order", async () => {
    const corr = await correlations(db, "tracks");
    const needed = pairColumns(corr);
    expect(needed).toContain("energy");
    expect(needed.length).toBeLessThan(NUMERIC_FEATURES.length);
    const some = await readNumericColumns(db, "tracks", needed);
    const all = await readNumericColumns(db, "tracks", NUMERIC_FEATURES);
    expect(correlatedPairs(corr, some)).toEqual(correlatedPairs(corr, all));
    expect(some.energy).toEqual(all.energy);
    expect(await readNumericColumns(db, "tracks", [])).toEqual({});
  });

  it("histograms read column by column from the table equal those from all columns at once", async () => {
    const all = histograms(await readNumericColumns(db, "tracks", NUMERIC_FEATURES));
    expect(await histogramsFromTable(db, "tracks")).toEqual(all);
  });

  it("histograms cover every value of every numeric feature", async () => {
    const values = await readNumericColumns(db, "tracks", NUMERIC_FEATURES);
    const result = histograms(values);
    expect(result.columns.map((c) => c.column)).toEqual([...NUMERIC_FEATURES]);
    for (const h of result.columns) {
      const data = column(h.column as keyof TrackRow);
      expect(h.min).toBe(Math.min(...data));
      expect(h.max).toBe(Math.max(...data));
      expect(h.seed.bins).toHaveLength(10);
      expect(h.fine.bins).toHaveLength(50);
      expect(h.seed.bins.reduce((a, b) => a + b.count, 0)).toBe(240);
      expect(h.fine.bins.reduce((a, b) => a + b.count, 0)).toBe(240);
    }
  });

  it("categorical distributions count each value and label it", async () => {
    const result = await categorical(db, "tracks");
    // track(i).key = i mod 12 → 20 of each; mode = i mod 2 → 120 each; time signature 3 + i mod 3 → 80 each;
    // explicit when i mod 9 = 0 → i = 0, 9, …, 234: 27 rows.
    expect(result.key.map((k) => [k.value, k.count])).toEqual(Array.from({ length: 12 }, (_, k) => [k, 20]));
    expect(result.key[1]?.label).toBe("C♯/D♭");
    expect(result.mode).toEqual([
      { value: 0, label: "Minor", count: 120, share: 0.5 },
      { value: 1, label: "Major", count: 120, share: 0.5 },
    ]);
    expect(result.time_signature.map((t) => [t.label, t.count])).toEqual([
      ["3/4", 80],
      ["4/4", 80],
      ["5/4", 80],
    ]);
    expect(result.explicit.map((e) => [e.value, e.count])).toEqual([
      [false, 213],
      [true, 27],
    ]);
  });

  it("genre means match per-genre averages computed directly", async () => {
    const map = new Map([
      ["acoustic", "misc"],
      ["pop", "pop"],
      ["rock", "rock"],
      ["jazz", "jazz"],
    ]);
    const result = await genreMeans(db, "tracks", map);
    expect(result.genres.map((g) => [g.genre, g.superGenre, g.rows])).toEqual([
      ["acoustic", "misc", 60],
      ["jazz", "jazz", 60],
      ["pop", "pop", 60],
      ["rock", "rock", 60],
    ]);
    for (const g of result.genres) {
      for (const feature of NUMERIC_FEATURES) {
        const values = rows.filter((r) => r.track_genre === g.genre).map((r) => r[feature]);
        expect(g.means[feature]).toBeCloseTo(mean(values), 9);
      }
    }
    await expect(genreMeans(db, "tracks", new Map([["pop", "pop"]]))).rejects.toThrow(
      /acoustic has no super-genre/,
    );
  });

  it("super-genre ranges name the groups holding the lowest and highest mean", async () => {
    const result = await superGenres(db, "tracks");
    expect(result.groups.map((g) => g.superGenre)).toEqual(["jazz", "misc", "pop", "rock"]);
    for (const range of result.ranges) {
      const means = result.groups.map((g) => g.means[range.feature] as number);
      expect(range.range).toBeCloseTo(Math.max(...means) - Math.min(...means), 12);
      expect(result.groups.find((g) => g.superGenre === range.max.superGenre)?.means[range.feature]).toBe(
        Math.max(...means),
      );
    }
    expect(result.listedButAbsent).toContain("rap");
  });

  it("super-genres carry the size, mean and sample standard deviation of all tracks together", async () => {
    const { overall } = await superGenres(db, "tracks");
    expect(overall.rows).toBe(240);
    for (const feature of NUMERIC_FEATURES) {
      expect(overall.means[feature]).toBeCloseTo(mean(column(feature)), 9);
      expect(overall.std[feature]).toBeCloseTo(sampleStd(column(feature)), 9);
    }
  });

  it("results carry the one query they ran, which a reader reruns on `tracks` for the same numbers", async () => {
    const corr = await correlations(db, "tracks");
    const genres = await genreMeans(db, "tracks", new Map(rows.map((r) => [r.track_genre, "misc"])));
    const groups = await superGenres(db, "tracks");
    const categories = await categorical(db, "tracks");
    for (const sql of [corr.sql, genres.sql, groups.sql, categories.sql])
      expect(readerQuery.parse(sql)).toBe(sql);

    // The correlation query returns the matrix row by row, each feature's correlations under its name.
    const matrix = (await db.runAndReadAll(corr.sql)).getRowObjectsJS();
    expect(matrix.map((row) => row.feature)).toEqual([...NUMERIC_FEATURES]);
    corr.columns.forEach((_, i) => {
      corr.columns.forEach((b, j) => {
        expect(matrix[i]?.[b]).toBeCloseTo(corr.matrix[i]?.[j] as number, 12);
      });
    });

    // The group-means queries give each group's tracks (and, for super-genres, genres) and means.
    const perGenre = (await db.runAndReadAll(genres.sql)).getRowObjectsJS();
    expect(perGenre.map((row) => [row.track_genre, row.tracks])).toEqual(
      genres.genres.map((g) => [g.genre, g.rows]),
    );
    // The super-genre query ends with a row for all tracks (every genre), with each feature's standard deviation.
    const perGroup = (await db.runAndReadAll(groups.sql)).getRowObjectsJS();
    expect(perGroup.map((row) => [row.super_genre, row.tracks, row.genres])).toEqual([
      ...groups.groups.map((g) => [g.superGenre, g.rows, g.genres.length]),
      ["all tracks", 240, new Set(rows.map((r) => r.track_genre)).size],
    ]);
    for (const [k, g] of groups.groups.entries()) {
      for (const feature of NUMERIC_FEATURES) expect(perGroup[k]?.[feature]).toBe(g.means[feature]);
    }
    for (const feature of NUMERIC_FEATURES) {
      expect(perGroup.at(-1)?.[feature]).toBe(groups.overall.means[feature]);
      expect(perGroup.at(-1)?.[`${feature}_sd`]).toBe(groups.overall.std[feature]);
    }

    // The categorical query stacks the four distributions, a row per column and value (explicit as 0 or 1).
    const stacked = (await db.runAndReadAll(categories.sql)).getRowObjectsJS();
    const expected = (["explicit", "key", "mode", "time_signature"] as const).flatMap((variable) =>
      categories[variable].map((c) => [variable, Number(c.value), c.count, c.share]),
    );
    expect(stacked.map((row) => [row.variable, row.value, row.tracks, row.share])).toEqual(expected);
  });
});
