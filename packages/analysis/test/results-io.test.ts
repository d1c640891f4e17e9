import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ResultValidationError, readResult, resultPath, writeResult } from "../src/results/io.ts";
import { fixtureDir } from "./support/fixture.ts";

const correlations = {
  sql: "SELECT corr(a, b) FROM tracks;",
  method: "pearson" as const,
  rows: 3,
  columns: ["a", "b"],
  matrix: [
    [1, 0.5],
    [0.5, 1],
  ],
};

describe("result files", () => {
  const dirs: ReturnType<typeof fixtureDir>[] = [];
  const outDir = () => {
    const fixture = fixtureDir();
    dirs.push(fixture);
    mkdirSync(join(fixture.dir, "results"));
    return fixture.dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) d.cleanup();
  });

  it("round-trip through their schema", async () => {
    const dir = outDir();
    await writeResult(dir, "correlations", correlations);
    expect(readResult(dir, "correlations")).toEqual(correlations);
  });

  it("are not written when they do not match their schema, and the error names the file and field", async () => {
    const dir = outDir();
    const bad = { ...correlations, matrix: [[1, Number.NaN]] };
    await expect(writeResult(dir, "correlations", bad)).rejects.toThrow(ResultValidationError);
    await expect(writeResult(dir, "correlations", bad)).rejects.toThrow(
      /correlations\.json[\s\S]*matrix\.0\.1/,
    );
    expect(() => readResult(dir, "correlations")).toThrow(/missing: build it first/);
  });

  it("are rejected on read when edited into an invalid shape or broken JSON", () => {
    const dir = outDir();
    writeFileSync(resultPath(dir, "correlations"), JSON.stringify({ ...correlations, method: "spearman" }));
    expect(() => readResult(dir, "correlations")).toThrow(/correlations\.json[\s\S]*method/);
    writeFileSync(resultPath(dir, "correlations"), "{ not json");
    expect(() => readResult(dir, "correlations")).toThrow(/not valid JSON/);
  });
});
