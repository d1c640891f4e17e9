import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatasetFormatError } from "../src/load/index.ts";
import { runPipeline } from "../src/pipeline.ts";
import { readResult } from "../src/results/io.ts";
import { summaryLine } from "../src/summary.ts";
import { datasetCsv, fixtureDir, HEADER_LINE, located, track } from "./support/fixture.ts";

const rows = [
  ...Array.from({ length: 40 }, (_, i) => track(i)),
  track(40, { duration_ms: 12_000 }),
  track(41, { tempo: 0, time_signature: 0 }),
];

describe("runPipeline on a generated dataset", () => {
  const fixtures: ReturnType<typeof fixtureDir>[] = [];
  const fixture = () => {
    const f = fixtureDir();
    fixtures.push(f);
    return f;
  };
  afterEach(() => {
    for (const f of fixtures.splice(0)) f.cleanup();
  });

  it("records in the manifest that a dataset was not the pinned one", async () => {
    const f = fixture();
    const outDir = join(f.dir, "output");
    const dataset = {
      ...located(f.write("tracks.csv", datasetCsv(rows))),
      sha256: "ab".repeat(32),
      pinned: false,
    };
    await runPipeline({ outDir, dataset });
    expect(readResult(outDir, "manifest").dataset).toMatchObject({ sha256: "ab".repeat(32), pinned: false });
  });

  it("writes every result, reports each stage, and summarises in one line", async () => {
    const f = fixture();
    const lines: string[] = [];
    const outDir = join(f.dir, "output");
    const summary = await runPipeline({
      outDir,
      dataset: located(f.write("tracks.csv", datasetCsv(rows))),
      log: (l) => lines.push(l),
    });
    expect(summary.rowsIn).toBe(42);
    expect(summary.rowsKept).toBe(40);
    expect(summary.stages.map((s) => s.stage)).toEqual([
      "load",
      "clean",
      "recordings",
      "quality",
      "eda",
      "write",
    ]);
    expect(lines.filter((l) => l.endsWith(" …"))).toHaveLength(6);
    expect(summaryLine(summary)).toMatch(
      /^analysis: 42 rows → 40 kept; 12 results \+ cleaned\.parquet in [\d.]+ s \(load/,
    );
    const manifest = readResult(outDir, "manifest");
    expect(manifest.rows).toEqual({ raw: 42, cleaned: 40 });
    expect(manifest.dataset).toMatchObject({ file: "tracks.csv", sha256: "0".repeat(64), pinned: true });
    expect(readdirSync(join(outDir, "results")).sort()).toEqual(manifest.results.map((r) => `${r}.json`));
    expect(readResult(outDir, "super-genres").groups.map((g) => [g.superGenre, g.rows])).toEqual([
      ["jazz", 10],
      ["misc", 10],
      ["pop", 10],
      ["rock", 10],
    ]);
  });

  it("fails on bad input with the file, line and column, leaving earlier outputs untouched", async () => {
    const f = fixture();
    const outDir = join(f.dir, "output");
    await runPipeline({ outDir, dataset: located(f.write("good.csv", datasetCsv(rows))) });
    const before = readFileSync(join(outDir, "results", "cleaning.json"));
    const bad = datasetCsv(rows).replace("Track 3,", "Track 3,not-a-number-");
    const badPath = f.write("bad.csv", bad);
    const failure = runPipeline({ outDir, dataset: located(badPath) });
    await expect(failure).rejects.toThrow(DatasetFormatError);
    // Header is line 1, so track 3 is on line 5; popularity is the 6th field.
    await expect(failure).rejects.toMatchObject({ file: badPath, line: 5, column: 6 });
    expect(readFileSync(join(outDir, "results", "cleaning.json"))).toEqual(before);
    expect(readdirSync(f.dir).sort()).toEqual(["bad.csv", "good.csv", "output"]);
  });

  it("refuses a genre the super-genre map does not know", async () => {
    const f = fixture();
    const odd = [...rows, track(42, { track_genre: "vaporwave" })];
    await expect(
      runPipeline({ outDir: join(f.dir, "output"), dataset: located(f.write("odd.csv", datasetCsv(odd))) }),
    ).rejects.toThrow(/genres missing from the super-genre map: vaporwave/);
    expect(readdirSync(f.dir)).toEqual(["odd.csv"]);
  });

  it("keeps the header check: a renamed column is an error before anything is written", async () => {
    const f = fixture();
    const csv = datasetCsv(rows, { header: HEADER_LINE.replace("tempo", "bpm") });
    await expect(
      runPipeline({ outDir: join(f.dir, "output"), dataset: located(f.write("renamed.csv", csv)) }),
    ).rejects.toThrow(DatasetFormatError);
  });
});
