import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import { describe, expect, it } from "vitest";
import { datasetBanner } from "../src/site/dataset-banner.ts";
import { parsePage } from "./support/html.ts";
import { builtPages, distDir, ensureBuilt } from "./support/site.ts";

describe("the unverified-dataset banner", () => {
  const dataset = { file: "dataset.csv", sha256: "ab".repeat(32), bytes: 1234 };
  const rows = { raw: 114_000, cleaned: 113_822 };

  it("says nothing for the pinned dataset", () => {
    expect(datasetBanner({ dataset: { ...dataset, pinned: true }, rows })).toBeNull();
  });

  it("names the file, its checksum and its rows for any other", () => {
    expect(datasetBanner({ dataset: { ...dataset, pinned: false }, rows })).toBe(
      `Built from an unverified dataset: dataset.csv, sha256 ${"ab".repeat(32)}, 114,000 rows. It is not the ` +
        "pinned Spotify Tracks Dataset this report was written for: the numbers are this file's, and sentences " +
        "comparing them with the seed analysis may not hold.",
    );
  });

  it("appears on every built page exactly when the manifest says the dataset was not pinned", async () => {
    await ensureBuilt();
    const manifest = readResult(analysisOutputDir, "manifest");
    const expected = datasetBanner(manifest);
    for (const page of builtPages()) {
      const banner = parsePage(readFileSync(join(distDir, page), "utf8")).querySelector(
        "[data-dataset-banner]",
      );
      expect(banner?.textContent ?? null, page).toBe(expected);
    }
  });
});
