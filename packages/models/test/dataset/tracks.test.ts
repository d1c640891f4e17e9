import { mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { writeResult } from "@spotiflies/analysis/results";
import { afterEach, describe, expect, it } from "vitest";
import { loadTracks, TRACK_NUMERIC_COLUMNS } from "../../src/dataset/tracks.ts";

async function writeFixture(dir: string, rows: number, manifestRows = rows) {
  mkdirSync(join(dir, "results"), { recursive: true });
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const numeric = TRACK_NUMERIC_COLUMNS.map(
    (c, j) => `(i * ${j + 1})::${c === "explicit" ? "BOOLEAN" : "DOUBLE"} AS ${c}`,
  );
  await db.run(
    `COPY (SELECT 'id' || i AS track_id, 'a' AS artists, 'b' AS album_name, 't' AS track_name, ${numeric.join(", ")},
       CASE WHEN i % 2 = 0 THEN 'pop' ELSE 'rock' END AS track_genre,
       CASE WHEN i % 2 = 0 THEN 'pop' ELSE 'rock' END AS super_genre,
       'id' || (i - i % 2) AS recording_id
     FROM range(${rows}) r(i) ORDER BY i) TO '${join(dir, "cleaned.parquet")}' (FORMAT parquet)`,
  );
  db.closeSync();
  await writeResult(dir, "manifest", {
    dataset: { file: "dataset.csv", sha256: "0".repeat(64), bytes: 1, pinned: true },
    source: null,
    rows: { raw: manifestRows, cleaned: manifestRows },
    parquet: { file: "cleaned.parquet", rows: manifestRows, columns: [], compression: "zstd" },
    downloads: [],
    results: ["manifest"],
  });
}

describe("loadTracks", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("reads the cleaned Parquet as columns in row order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "models-tracks-"));
    dirs.push(dir);
    await writeFixture(dir, 5);
    const table = await loadTracks(dir);
    expect(table.rows).toBe(5);
    expect(table.trackId).toEqual(["id0", "id1", "id2", "id3", "id4"]);
    expect(table.recordingId).toEqual(["id0", "id0", "id2", "id2", "id4"]);
    expect(table.superGenre).toEqual(["pop", "rock", "pop", "rock", "pop"]);
    // tempo is the 14th numeric column: value i × 14.
    expect([...table.columns.tempo]).toEqual([0, 14, 28, 42, 56]);
    expect([...table.columns.explicit]).toEqual([0, 1, 1, 1, 1]);
  });

  it("refuses a Parquet file that disagrees with the analysis manifest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "models-tracks-"));
    dirs.push(dir);
    await writeFixture(dir, 5, 6);
    await expect(loadTracks(dir)).rejects.toThrow(/has 5 rows but the analysis manifest says 6/);
  });
});
