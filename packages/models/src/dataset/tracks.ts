import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { TRACK_NUMERIC_COLUMNS, type TrackNumericColumn } from "@spotiflies/analysis";
import { analysisOutputDir, CLEANED_PARQUET, readResult } from "@spotiflies/analysis/results";

export { TRACK_NUMERIC_COLUMNS, type TrackNumericColumn };

/** The cleaned tracks as columns: what every model reads. Rows are in the dataset's order. */
export interface TrackTable {
  rows: number;
  trackId: string[];
  /** The row's recording (the analysis's `recording_id`): rows sharing a track_id, or artists and all audio. */
  recordingId: string[];
  genre: string[];
  superGenre: string[];
  columns: Record<TrackNumericColumn, Float64Array>;
}

/**
 * Reads the analysis package's cleaned Parquet file (checking its row count against the analysis
 * manifest, so a stale or foreign file is an error rather than a silent mismatch).
 */
export async function loadTracks(outputDir = analysisOutputDir): Promise<TrackTable> {
  const manifest = readResult(outputDir, "manifest");
  const path = join(outputDir, CLEANED_PARQUET);
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const db = await instance.connect();
  try {
    const select = TRACK_NUMERIC_COLUMNS.map((c) => `"${c}"::DOUBLE AS "${c}"`).join(", ");
    const reader = await db.runAndReadAll(
      `SELECT track_id, recording_id, track_genre, super_genre, ${select} FROM read_parquet('${path.replaceAll("'", "''")}')`,
    );
    const values = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    const rows = (values.track_id ?? []).length;
    if (rows !== manifest.parquet.rows) {
      throw new Error(
        `${path} has ${rows} rows but the analysis manifest says ${manifest.parquet.rows}: rebuild the analysis.`,
      );
    }
    const columns = {} as Record<TrackNumericColumn, Float64Array>;
    for (const name of TRACK_NUMERIC_COLUMNS) columns[name] = Float64Array.from(values[name] as number[]);
    return {
      rows,
      trackId: values.track_id as string[],
      recordingId: values.recording_id as string[],
      genre: values.track_genre as string[],
      superGenre: values.super_genre as string[],
      columns,
    };
  } finally {
    db.closeSync();
  }
}
