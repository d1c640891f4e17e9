import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoFiles, repoRoot } from "./support/repo.ts";

const DATA_EXTENSIONS = /\.(csv|parquet|arrow|duckdb|jsonl)$/i;

describe("the repository holds no data", () => {
  const files = repoFiles();

  it("tracks no file over 2 MB", () => {
    const large = files.filter(
      (f) => (statSync(join(repoRoot, f), { throwIfNoEntry: false })?.size ?? 0) > 2_000_000,
    );
    expect(large).toEqual([]);
  });

  it("tracks no data files (tests generate their fixtures)", () => {
    expect(files.filter((f) => DATA_EXTENSIONS.test(f))).toEqual([]);
  });

  it("ignores the places data and outputs are written", () => {
    for (const path of [
      "data/raw/dataset.csv",
      "packages/analysis/output/cleaned.parquet",
      "sites/report/dist/index.html",
    ]) {
      expect(() => execFileSync("git", ["check-ignore", "-q", path], { cwd: repoRoot }), path).not.toThrow();
    }
  });
});
