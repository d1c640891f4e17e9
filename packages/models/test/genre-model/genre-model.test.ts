import { describe, expect, it } from "vitest";
import type { TrackTable } from "../../src/dataset/tracks.ts";
import { createContext } from "../../src/experiments/context.ts";
import { describeGenreModel, GENRE_MODEL_GOALS, runGenreModel } from "../../src/experiments/genre-model.ts";
import { runRandomForest } from "../../src/experiments/random-forest.ts";
import type { TrackText } from "../../src/genre-model/track-text.ts";
import { genreModelResult } from "../../src/results/genre-model-schemas.ts";
import { syntheticTable } from "../experiments/synthetic-table.ts";
import { blurGenresWithinSuperGenres, syntheticText, withSyntheticText } from "./synthetic-text.ts";

/** The genre model after the random-forest experiment it needs, as the build runs them. */
async function genreModelAfterForest(table: TrackTable, text?: TrackText, log?: (line: string) => void) {
  const context = createContext(table, log);
  await runRandomForest(context);
  return runGenreModel(context, context.heldOut, text);
}

describe("the genre-model experiment on a synthetic table", () => {
  const table = blurGenresWithinSuperGenres(syntheticTable(60, 4), 5);
  const text = syntheticText(table, 2);
  const lines: string[] = [];
  const run = () => genreModelAfterForest(table, text, (line) => lines.push(line));

  it("produces a result its schema accepts, consistent with itself, and byte-identical on a second run", async () => {
    const result = await run();
    const parsed = genreModelResult.safeParse(result);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(JSON.stringify(await run())).toBe(JSON.stringify(result));
    expect(describeGenreModel(result)).toMatch(/^seed-random: super-genre \d/);

    expect(result.protocols.map((p) => p.protocol.protocol)).toEqual([
      "seed-random",
      "track-grouped",
      "recording-grouped",
    ]);
    for (const protocol of result.protocols) {
      expect(protocol.evaluations.map((e) => `${e.task}/${e.model}`)).toEqual([
        "super-genre/audio",
        "super-genre/audio-artist-album",
        "genre/audio",
        "genre/audio-artist-album",
      ]);
      for (const { test } of protocol.evaluations) {
        // Accuracy recomputed from the confusion matrix: the trace over the total.
        const total = test.confusion.flat().reduce((a, b) => a + b, 0);
        const trace = test.confusion.reduce((a, row, i) => a + (row[i] as number), 0);
        expect(total).toBe(protocol.protocol.test);
        expect(test.accuracy).toBeCloseTo(trace / total, 12);
      }
      // The two subsets partition the test rows; every 17th track is by an artist of its own.
      expect(protocol.subsets.reduce((a, s) => a + s.rows, 0)).toBe(protocol.protocol.test);
      expect(protocol.subsets.find((s) => s.id === "artist-new")?.rows).toBeGreaterThan(0);
      expect(protocol.combiner.weights.reduce((a, w) => a + w.validationRows, 0)).toBe(
        protocol.protocol.validation,
      );
      for (const w of protocol.combiner.weights)
        expect(Math.min(w.audio, w.artist, w.album)).toBeGreaterThanOrEqual(0);
      for (const search of protocol.alphaSearch) {
        const best = Math.min(...search.results.map((r) => r.validationLogLoss));
        expect(search.results.find((r) => r.alpha === search.chosen)?.validationLogLoss).toBe(best);
      }
      // Audio tells only the super-genres apart, an artist's tracks share a genre: the pooled model must beat
      // audio alone on the 6 genres by far (audio can do little better than half).
      const accuracy = (task: string, model: string) =>
        protocol.evaluations.find((e) => e.task === task && e.model === model)?.test.accuracy ?? 0;
      expect(accuracy("genre", "audio")).toBeLessThan(0.7);
      expect(accuracy("genre", "audio-artist-album")).toBeGreaterThan(0.85);
    }

    // Goals restate the evaluations' figures against their thresholds.
    expect(result.goals.map((g) => g.threshold)).toEqual(GENRE_MODEL_GOALS.map((g) => g.threshold));
    for (const goal of result.goals) {
      for (const r of goal.results) {
        const evaluation = result.protocols
          .find((p) => p.protocol.protocol === r.protocol)
          ?.evaluations.find((e) => e.task === goal.task && e.model === r.model);
        const expected =
          goal.metric === "top-1"
            ? evaluation?.test.accuracy
            : evaluation?.test.topK.find((t) => t.k === 5)?.accuracy;
        expect(r.value).toBe(expected);
        expect(r.met).toBe(r.value >= goal.threshold);
      }
    }
    expect(
      lines.some((l) =>
        /^models ▸ genre model \(seed-random\): audio forest validation top-1 0\.\d{4}$/.test(l),
      ),
    ).toBe(true);
    // The audio forest is the random-forest experiment's 114-genre forest, at the depth each protocol chose.
    expect(result.hyperparameters.forest.source).toBe("random-forest");
    expect(result.hyperparameters.forest.maxDepth.map((d) => d.protocol)).toEqual([
      "seed-random",
      "track-grouped",
      "recording-grouped",
    ]);
    expect(lines.some((l) => l.includes("combiner fitted"))).toBe(true);
  }, 120_000);

  it("takes the artists and album names a table carries itself", async () => {
    const carrying = withSyntheticText(syntheticTable(20, 6), 3);
    const fromTable = await genreModelAfterForest(carrying);
    const given = await genreModelAfterForest(syntheticTable(20, 6), syntheticText(syntheticTable(20, 6), 3));
    expect(JSON.stringify(fromTable)).toBe(JSON.stringify(given));
  }, 60_000);

  it("refuses artists and albums that do not match the table", async () => {
    await expect(
      runGenreModel(createContext(table), [], { artists: text.artists.slice(1), albumName: text.albumName }),
    ).rejects.toThrow(/artists has/);
  });

  it("names the forest predictions it lacks", async () => {
    await expect(runGenreModel(createContext(table), [], text)).rejects.toThrow(
      /no held-out predictions of random-forest for genre on seed-random/,
    );
  });
});
