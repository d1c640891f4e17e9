import type { DuckDBConnection } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "../src/db.ts";
import { assignRecordings, RECORDING_AUDIO_COLUMNS } from "../src/quality/recordings.ts";
import { type TrackRow, track } from "./support/fixture.ts";
import { createTracksTable } from "./support/tables.ts";

const id = (letter: string) => letter.repeat(22);
/** Two sets of audio columns; `sound(2)` differs from `sound(1)` in every audio column. */
const sound = (k: 1 | 2): Partial<TrackRow> => ({
  ...Object.fromEntries(RECORDING_AUDIO_COLUMNS.map((column) => [column, track(k * 100)[column]])),
  track_genre: "pop",
});
const row = (index: number, trackId: string, artists: string | null, audio: Partial<TrackRow>) =>
  track(index, { ...audio, row_index: index, track_id: id(trackId), artists, track_name: `Song ${index}` });

/**
 * Hand-checked components. The chain D–C–B–A is listed in reverse so that the smallest label needs several
 * rounds to travel: A (row 6) shares audio with B (row 5), B shares its id with row 4, whose audio C (row 3)
 * shares. Rows 0–2 look like twins but are not: other artists, no artists, one tempo apart.
 */
const rows = [
  row(0, "Q", "Other Artist", sound(1)), // same audio as A but other artists: its own recording
  row(1, "E", null, sound(1)), // no artists: linked by track_id only
  row(2, "G", "Band", { ...sound(1), tempo: (sound(1).tempo as number) + 1 }), // one column differs
  row(3, "C", "Band", { ...sound(2), track_genre: "rock" }),
  row(4, "B", "Band", { ...sound(2), track_genre: "jazz" }),
  row(5, "B", "Band", sound(1)),
  row(6, "A", "Band", sound(1)),
  row(7, "F", null, sound(1)),
];

describe("assignRecordings", () => {
  let db: DuckDBConnection;
  beforeEach(async () => {
    db = await openDatabase();
    await createTracksTable(db, rows, "tracks");
  });
  afterEach(() => db.closeSync());

  it("joins rows linked by track_id or by artists and every audio column, transitively", async () => {
    const result = await assignRecordings(db, "tracks");
    const assigned = await queryRows<{ row_index: number; recording_id: string }>(
      db,
      "SELECT row_index, recording_id FROM tracks",
    );
    // Row order is kept and every row has its recording: the chain takes the smallest of its ids (A).
    expect(assigned.map((r) => [r.row_index, r.recording_id[0]])).toEqual([
      [0, "Q"],
      [1, "E"],
      [2, "G"],
      [3, "A"],
      [4, "A"],
      [5, "A"],
      [6, "A"],
      [7, "F"],
    ]);
    expect(result).toMatchObject({
      rows: 8,
      trackIds: 7,
      recordings: 5,
      recordingsWithSeveralTrackIds: 1,
      rowsWithTwinUnderAnotherId: 4,
      byTrackIds: [
        { trackIds: 1, recordings: 4 },
        { trackIds: 3, recordings: 1 },
      ],
    });
    expect(result.rounds).toBeGreaterThan(1);
    expect(result.examples).toEqual([
      {
        recordingId: id("A"),
        artists: "Band",
        trackNames: ["Song 3", "Song 4", "Song 5", "Song 6"],
        trackIds: [id("A"), id("B"), id("C")],
        albums: [...new Set([3, 4, 5, 6].map((i) => track(i).album_name))].sort() as string[],
        genres: ["jazz", "pop", "rock"],
      },
    ]);
  });

  it("puts a table whose rows are out of row_index order in order, with the same recordings", async () => {
    await createTracksTable(db, [...rows].reverse(), "shuffled");
    const expected = await assignRecordings(db, "tracks");
    const result = await assignRecordings(db, "shuffled");
    expect(result).toEqual(expected);
    const read = (table: string) => queryRows(db, `SELECT * FROM ${table}`);
    expect(await read("shuffled")).toEqual(await read("tracks"));
  });

  it("leaves a table without twins one recording per track_id", async () => {
    await createTracksTable(db, [track(0), track(1), { ...track(2), track_id: track(1).track_id }], "tracks");
    const result = await assignRecordings(db, "tracks");
    expect(result).toMatchObject({ rows: 3, trackIds: 2, recordings: 2, rowsWithTwinUnderAnotherId: 0 });
    expect(result.examples).toEqual([]);
  });
});
