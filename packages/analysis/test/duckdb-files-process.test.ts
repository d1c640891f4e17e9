import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db.ts";
import { STAGED_CORE_PARQUET, stageTracksDuckdb } from "../src/output/duckdb-file.ts";
import { startDuckdbFilesWriter } from "../src/output/duckdb-files-process.ts";
import { TRACK_IDS_DUCKDB, TRACKS_DUCKDB } from "../src/results/index.ts";
import { fixtureDir } from "./support/fixture.ts";

/**
 * A cleaned table shaped like the real one, made in SQL: 120,000 rows (one row group, DuckDB's unit of writing)
 * with hash-derived IDs, names and audio values, 1 row in 8 a second row of an earlier track (another genre).
 * Small fixtures do not show the bug this guards: without zeroed allocations the writer process wrote
 * different bytes only once it reused memory it had freed, which takes a table of about the real size.
 */
const SYNTHETIC_TRACKS = `
  CREATE TABLE tracks AS
  WITH base AS (SELECT i, CASE WHEN i % 8 = 7 THEN i - 5 ELSE i END AS t FROM range(120000) r(i))
  SELECT i AS row_index, substr(md5(t::VARCHAR), 1, 22) AS track_id,
         'Artist ' || substr(md5((t % 9973)::VARCHAR), 1, 6) AS artists,
         'Album ' || substr(md5((t % 31991)::VARCHAR), 1, 9) AS album_name,
         'Track ' || substr(md5(t::VARCHAR || 'n'), 1, 7 + t % 13) AS track_name,
         (hash(t, 1) % 101)::BIGINT AS popularity, (60000 + hash(t, 2) % 400000)::BIGINT AS duration_ms,
         hash(t, 3) % 9 = 0 AS explicit,
         round((hash(t, 4) % 1000) / 1000, 3) AS danceability, round((hash(t, 5) % 1000) / 1000, 3) AS energy,
         (hash(t, 6) % 12)::BIGINT AS key, round(-(hash(t, 7) % 40000) / 1000, 3) AS loudness,
         (hash(t, 8) % 2)::BIGINT AS mode, round((hash(t, 9) % 1000) / 1000, 4) AS speechiness,
         round((hash(t, 10) % 100000) / 100000, 5) AS acousticness, (hash(t, 11) % 1000000) / 1e6 AS instrumentalness,
         round((hash(t, 12) % 1000) / 1000, 4) AS liveness, round((hash(t, 13) % 1000) / 1000, 3) AS valence,
         round(60 + (hash(t, 14) % 140000) / 1000, 3) AS tempo, (3 + hash(t, 15) % 3)::BIGINT AS time_signature,
         'genre ' || (i % 114) AS track_genre, 'group ' || (i % 10) AS super_genre,
         substr(md5(t::VARCHAR), 1, 22) AS recording_id
  FROM base ORDER BY i`;

describe("the DuckDB files' writer process", () => {
  it("writes byte-identical files from the same staged tables, process after process", async () => {
    const fixture = fixtureDir("spotiflies-duckdb-process-");
    const db = await openDatabase();
    try {
      await db.run(SYNTHETIC_TRACKS);
      await stageTracksDuckdb(db, "tracks", fixture.dir);
      const outputs = ["first", "second"].map((name) => join(fixture.dir, name));
      for (const out of outputs) {
        mkdirSync(out);
        const report = await startDuckdbFilesWriter().write(fixture.dir, out);
        expect(report.seconds).toBeGreaterThan(0);
        // Only the two files: the process's spill folder is gone.
        expect(readdirSync(out).sort()).toEqual([TRACK_IDS_DUCKDB, TRACKS_DUCKDB].sort());
      }
      for (const file of [TRACKS_DUCKDB, TRACK_IDS_DUCKDB]) {
        const [first, second] = outputs.map((out) => readFileSync(join(out, file)));
        expect(first?.length, file).toBeGreaterThan(100_000);
        expect(first?.equals(second as Buffer), `${file} differs between two processes`).toBe(true);
      }
    } finally {
      db.closeSync();
      fixture.cleanup();
    }
  }, 60_000);

  it("fails with the process's own message when the staged tables are missing", async () => {
    const fixture = fixtureDir("spotiflies-duckdb-process-missing-");
    try {
      await expect(startDuckdbFilesWriter().write(join(fixture.dir, "nowhere"), fixture.dir)).rejects.toThrow(
        new RegExp(
          `writing the DuckDB files .* exited with 1: .*${STAGED_CORE_PARQUET.replaceAll(".", "\\.")}`,
          "s",
        ),
      );
    } finally {
      fixture.cleanup();
    }
  }, 30_000);

  it("ends without writing when it is cancelled before it is asked", async () => {
    const fixture = fixtureDir("spotiflies-duckdb-process-cancel-");
    try {
      const writer = startDuckdbFilesWriter();
      await writer.cancel();
      expect(readdirSync(fixture.dir)).toEqual([]);
      await expect(writer.write(fixture.dir, fixture.dir)).rejects.toThrow(/already asked/);
    } finally {
      fixture.cleanup();
    }
  });
});
