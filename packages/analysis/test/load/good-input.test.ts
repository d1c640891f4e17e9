import { statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { DATASET_COLUMNS } from "../../src/columns.ts";
import { openDatabase, queryRows } from "../../src/db.ts";
import { loadTracks } from "../../src/load/index.ts";
import { type CsvOptions, datasetCsv, fixtureDir, type TrackRow, track, tracks } from "../support/fixture.ts";

const fixtures = fixtureDir("spotiflies-load-good-");
afterAll(() => fixtures.cleanup());

let fileCount = 0;
async function load(rows: TrackRow[], options: CsvOptions = {}) {
  const path = fixtures.write(`good-${fileCount++}.csv`, datasetCsv(rows, options));
  const db = await openDatabase();
  const result = await loadTracks(db, path);
  return { db, path, result, loaded: await loadedRows(db) };
}

function loadedRows(db: DuckDBConnection, table = "raw_tracks"): Promise<TrackRow[]> {
  return queryRows<TrackRow>(db, `SELECT * FROM ${table}`);
}

const tricky = [
  track(0),
  track(1, { track_name: 'He said "hi, there"\nand left', artists: "Earth, Wind & Fire" }),
  track(2, { track_name: "<img src=x onerror=alert(1)>", album_name: "'; DROP TABLE raw_tracks; --" }),
  track(3, { artists: null, album_name: null, track_name: null }),
  track(4, { track_name: "Beyoncé – 東京 🎧", album_name: "  padded  " }),
  track(5, { track_name: "ends with a CRLF\r\ninside the quotes", explicit: true }),
  track(6, { track_name: '"', artists: "," }),
  ...tracks(5, 7),
];

describe("loadTracks loads well-formed files", () => {
  it("creates raw_tracks with exactly the dataset's columns and types, in file order", async () => {
    const { db } = await load(tracks(3));
    const columns = await queryRows<{ name: string; type: string }>(
      db,
      "SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = 'raw_tracks' ORDER BY column_index",
    );
    expect(columns).toEqual(DATASET_COLUMNS.map(({ name, type }) => ({ name, type })));
  });

  it("keeps every row, in file order, with its values", async () => {
    const rows = tracks(40).reverse();
    const { loaded } = await load(rows);
    expect(loaded).toEqual(rows);
  });

  it("round-trips quoted commas, quotes and line breaks, markup and Unicode exactly", async () => {
    const { loaded } = await load(tricky);
    expect(loaded).toEqual(tricky);
    expect(loaded[1]?.track_name).toBe('He said "hi, there"\nand left');
    expect(loaded[2]?.track_name).toBe("<img src=x onerror=alert(1)>");
  });

  it("reads empty artists, album_name and track_name as NULL", async () => {
    const { loaded } = await load(tricky);
    expect(loaded[3]).toMatchObject({
      artists: null,
      album_name: null,
      track_name: null,
      track_id: track(3).track_id,
    });
  });

  it("reads True and False as booleans", async () => {
    const rows = tracks(20);
    const { loaded } = await load(rows);
    expect(loaded.map((row) => row.explicit)).toEqual(rows.map((row) => row.explicit));
    expect(loaded.filter((row) => row.explicit)).toHaveLength(3); // tracks 0, 9 and 18
  });

  it.each<[string, CsvOptions]>([
    ["a UTF-8 BOM", { bom: true }],
    ["CRLF line endings", { eol: "\r\n" }],
    ["a BOM and CRLF line endings", { bom: true, eol: "\r\n" }],
    ["no final newline", { trailingNewline: false }],
    ["CRLF and no final newline", { eol: "\r\n", trailingNewline: false }],
  ])("loads a file with %s as the same rows as the plain LF file", async (_, options) => {
    const plain = await load(tricky);
    const variant = await load(tricky, options);
    expect(variant.loaded).toEqual(plain.loaded);
    expect(variant.result.rows).toBe(tricky.length);
  });

  it("reports the table, rows, file size and time", async () => {
    const { path, result } = await load(tracks(7));
    expect(result).toEqual({
      table: "raw_tracks",
      rows: 7,
      bytes: statSync(path).size,
      seconds: expect.any(Number),
    });
    expect(result.seconds).toBeGreaterThan(0);
  });

  it("loads into another table when asked, and replaces one loaded before", async () => {
    const db = await openDatabase();
    const first = fixtures.write("first.csv", datasetCsv(tracks(4)));
    const second = fixtures.write("second.csv", datasetCsv(tracks(2, 100)));
    await loadTracks(db, first, { table: "tracks_b" });
    const result = await loadTracks(db, second, { table: "tracks_b" });
    expect(result).toMatchObject({ table: "tracks_b", rows: 2 });
    expect(await loadedRows(db, "tracks_b")).toEqual(tracks(2, 100));
    const tables = await queryRows<{ name: string }>(db, "SELECT table_name AS name FROM duckdb_tables()");
    expect(tables).toEqual([{ name: "tracks_b" }]);
  });

  it("reads negative and exponent-notation numbers exactly", async () => {
    const rows = [track(0, { loudness: -0.5, instrumentalness: 1.2e-7, duration_ms: 4_730_000 })];
    const { loaded } = await load(rows);
    expect(loaded).toEqual(rows);
  });
});
