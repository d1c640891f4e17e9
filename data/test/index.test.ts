import { describe, expect, it } from "vitest";
import * as data from "../src/index.ts";

describe("package entry point", () => {
  it("exports the public API", () => {
    expect(Object.keys(data).sort()).toEqual(
      [
        "ChecksumMismatchError",
        "DownloadStalledError",
        "ENV_VAR",
        "UNPINNED_ENV_VAR",
        "datasetCandidates",
        "defaultRepoRoot",
        "downloadProgressLogger",
        "downloadVerified",
        "locateDataset",
        "readDatasetLock",
        "sha256File",
        "verifySha256",
      ].sort(),
    );
    expect(data.ENV_VAR).toBe("SPOTIFY_TRACKS_CSV");
  });
});
