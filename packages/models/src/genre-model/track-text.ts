import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { analysisOutputDir, CLEANED_PARQUET } from "@spotiflies/analysis/results";
import type { TrackTable } from "../dataset/tracks.ts";

/** The track's own text columns the genre model target-encodes (not features of the seed's models). */
export interface TrackText {
  /** The dataset's `artists` string per row, several artists joined by ";". */
  artists: string[];
  albumName: string[];
}

/**
 * The artists and album names a table carries itself, as fields `artists` and `albumName` next to its other
 * columns (a loader or a test fixture may add them), or undefined when it carries none.
 */
export function textOfTable(table: TrackTable): TrackText | undefined {
  const carried = table as TrackTable & Partial<TrackText>;
  return carried.artists && carried.albumName
    ? { artists: carried.artists, albumName: carried.albumName }
    : undefined;
}

/** Checks that `text` has one entry per row of `table`. */
export function checkTrackText(table: TrackTable, text: TrackText): TrackText {
  for (const [name, column] of Object.entries(text) as [string, string[]][]) {
    if (column.length !== table.rows) {
      throw new Error(`track text column ${name} has ${column.length} rows, the table ${table.rows}`);
    }
  }
  return text;
}

/**
 * Reads `artists` and `album_name` from the analysis's cleaned Parquet file, in the file's row order (the order
 * `loadTracks` reads), and checks row by row that the track ids agree with `table`, so a table that did not
 * come from that file is an error rather than a silent misalignment.
 */
export async function loadTrackText(table: TrackTable, outputDir = analysisOutputDir): Promise<TrackText> {
  const path = join(outputDir, CLEANED_PARQUET);
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const db = await instance.connect();
  try {
    const reader = await db.runAndReadAll(
      `SELECT track_id, artists, album_name FROM read_parquet('${path.replaceAll("'", "''")}')`,
    );
    const values = reader.getColumnsObjectJS() as Record<string, (string | null)[]>;
    const ids = values.track_id ?? [];
    if (ids.length !== table.rows) {
      throw new Error(
        `${path} has ${ids.length} rows, the track table ${table.rows}: it is not this table's source`,
      );
    }
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] !== table.trackId[i]) {
        throw new Error(`${path} row ${i} is track ${ids[i]}, the track table's is ${table.trackId[i]}`);
      }
    }
    const column = (name: string) => (values[name] ?? []).map((v) => v ?? "");
    return { artists: column("artists"), albumName: column("album_name") };
  } finally {
    db.closeSync();
  }
}
