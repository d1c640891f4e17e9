import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { datasetCandidates, defaultRepoRoot, locateDataset } from "../src/locate.ts";
import { readDatasetLock } from "../src/lock.ts";

const lock = readDatasetLock();
const candidates = datasetCandidates(defaultRepoRoot, lock.file);
const mirrorPresent = existsSync(candidates.mirror);

describe("the real dataset (read-only)", () => {
  it.skipIf(!mirrorPresent && !process.env.CI)("is found and verified in the mirror folder", async () => {
    expect(mirrorPresent, `the mirror ${candidates.mirror} must exist on CI`).toBe(true);
    const found = await locateDataset({ allowDownload: false, env: {} });
    const expectedSource = existsSync(candidates.data) ? "data" : "mirror";
    expect(found).toEqual({
      path: candidates[expectedSource],
      source: expectedSource,
      sha256: lock.sha256,
      bytes: lock.bytes,
      pinned: true,
      provenance: lock.provenance,
    });
    expect(found.provenance?.hosts.map((h) => h.name)).toEqual(["Hugging Face", "Kaggle"]);
    expect((await stat(found.path)).size).toBe(lock.bytes);
  });
});
