import type { DuckDBConnection } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db.ts";
import { dataQuality } from "../src/quality/quality.ts";
import { track } from "./support/fixture.ts";
import { createTracksTable } from "./support/tables.ts";

const x = { track_id: "X".repeat(22), track_name: "Shared X" };
const y = { track_id: "Y".repeat(22), track_name: "Shared Y" };
const rows = [
  track(0),
  { ...track(0), row_index: 1 }, // an exact copy of row 0 (only the index differs)
  track(2, { ...x, track_genre: "pop" }),
  track(3, { ...x, track_genre: "rock" }),
  track(4, { ...y, track_genre: "jazz" }),
  track(5, { ...y, track_genre: "pop" }),
  track(6, { ...y, track_genre: "acoustic" }),
  track(7),
];

describe("dataQuality", () => {
  let db: DuckDBConnection;
  beforeEach(async () => {
    db = await openDatabase();
    await createTracksTable(db, rows);
  });
  afterEach(() => db.closeSync());

  it("finds track_ids listed under several genres", async () => {
    const quality = await dataQuality(db, "raw_tracks", "raw_tracks", "raw");
    // Ids: track 0 (twice, one genre), X (2 genres), Y (3 genres), track 7.
    expect(quality.trackIdsInSeveralGenres).toMatchObject({
      distinctTrackIds: 4,
      trackIds: 2,
      rows: 5,
      byGenreCount: [
        { genres: 1, trackIds: 2 },
        { genres: 2, trackIds: 1 },
        { genres: 3, trackIds: 1 },
      ],
    });
    expect(quality.trackIdsInSeveralGenres.examples).toEqual([
      { track_id: y.track_id, track_name: "Shared Y", genres: ["acoustic", "jazz", "pop"] },
      { track_id: x.track_id, track_name: "Shared X", genres: ["pop", "rock"] },
    ]);
  });

  it("counts exact duplicate rows, ignoring the running index", async () => {
    const quality = await dataQuality(db, "raw_tracks", "raw_tracks", "raw");
    expect(quality.exactDuplicateRows.extraCopies).toBe(1);
    expect(quality.exactDuplicateRows.repeatedRows).toBe(1);
    expect(quality.exactDuplicateRows.examples).toEqual([
      {
        row_indexes: "[0, 1]",
        track_id: rows[0]?.track_id,
        track_name: "Track 0",
        track_genre: "acoustic",
        copies: 2,
      },
    ]);
  });

  it("matches missing values as equal and names a track by its first row", async () => {
    // Rows 8 and 9 are one record twice with no album or title (NULLs group together); row 10 is the same
    // record but for its genre, so that track_id also has two genres, and its first row has no title.
    const blank = { album_name: null, track_name: null };
    await createTracksTable(db, [
      ...rows,
      track(8, blank),
      { ...track(8, blank), row_index: 9 },
      { ...track(8, { ...blank, track_name: "Named later" }), row_index: 10, track_genre: "pop" },
    ]);
    const quality = await dataQuality(db, "raw_tracks", "raw_tracks", "raw");
    expect(quality.exactDuplicateRows.extraCopies).toBe(2);
    expect(quality.exactDuplicateRows.examples[1]).toEqual({
      row_indexes: "[8, 9]",
      track_id: track(8).track_id,
      track_name: null,
      track_genre: "acoustic",
      copies: 2,
    });
    expect(quality.trackIdsInSeveralGenres.examples).toContainEqual({
      track_id: track(8).track_id,
      track_name: null,
      genres: ["acoustic", "pop"],
    });
  });

  it("counts rows per genre and what cleaning removed from each", async () => {
    await db.run("CREATE TABLE cleaned AS SELECT * FROM raw_tracks WHERE row_index NOT IN (1, 5)");
    const quality = await dataQuality(db, "cleaned", "raw_tracks", "cleaned");
    // Genres of the fixture: 0 acoustic, 1 acoustic, 2 pop, 3 rock, 4 jazz, 5 pop, 6 acoustic, 7 jazz (7 % 4 = 3).
    expect(quality.genreCounts).toEqual([
      { genre: "acoustic", rows: 2, removed: 1 },
      { genre: "jazz", rows: 2, removed: 0 },
      { genre: "pop", rows: 1, removed: 1 },
      { genre: "rock", rows: 1, removed: 0 },
    ]);
    expect(quality.table).toBe("cleaned");
  });
});
