import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { CLEANED_PARQUET } from "@spotiflies/analysis/results";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTrackText, loadTrackText } from "../../src/genre-model/track-text.ts";
import { syntheticTable } from "../experiments/synthetic-table.ts";

describe("loadTrackText", () => {
  const table = syntheticTable(5, 1);
  let dir = "";

  /** Writes a cleaned-table Parquet file whose track ids are `ids`, in that order. */
  async function writeParquet(ids: string[]): Promise<void> {
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    const rows = ids.map((id, i) => `('${id}', 'Artist ${i};Guest', 'Album ${i}')`).join(", ");
    await db.run(
      `COPY (SELECT * FROM (VALUES ${rows}) AS t(track_id, artists, album_name)) TO '${join(dir, CLEANED_PARQUET)}' (FORMAT parquet)`,
    );
    db.closeSync();
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "genre-model-text-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads artists and album names in the table's row order", async () => {
    await writeParquet(table.trackId);
    const text = await loadTrackText(table, dir);
    expect(text.artists).toHaveLength(table.rows);
    expect(text.artists[3]).toBe("Artist 3;Guest");
    expect(text.albumName[table.rows - 1]).toBe(`Album ${table.rows - 1}`);
  });

  it("refuses a file whose rows are not the table's", async () => {
    await writeParquet([...table.trackId].reverse());
    await expect(loadTrackText(table, dir)).rejects.toThrow(/row 0 is track/);
    await writeParquet(table.trackId.slice(1));
    await expect(loadTrackText(table, dir)).rejects.toThrow(/not this table's source/);
  });

  it("checks that given text has one entry per row", () => {
    expect(() => checkTrackText(table, { artists: ["a"], albumName: [] })).toThrow(/artists has 1 rows/);
  });
});
