import { copyFile, mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { type LocatedDataset, locateDataset } from "@spotiflies/data";
import { applyCleaningRules } from "./clean/apply.ts";
import { CLEANING_RULES, COLUMN_RULES } from "./clean/rules.ts";
import { openPipelineDatabase, queryRows, sqlString } from "./db.ts";
import { categorical } from "./eda/categorical.ts";
import { readNumericColumns } from "./eda/columns-js.ts";
import { CORRELATION_THRESHOLD, correlatedPairs, pairColumns } from "./eda/correlated-pairs.ts";
import { correlations } from "./eda/correlations.ts";
import { describe } from "./eda/describe.ts";
import { genreMeans } from "./eda/genre-means.ts";
import { histogramsFromTable } from "./eda/histograms.ts";
import { superGenres } from "./eda/super-genres.ts";
import { loadTracks } from "./load/index.ts";
import { replaceDirectoryAtomically } from "./output/atomic-dir.ts";
import {
  CLEANED_CSV_GZ,
  describeDownload,
  REMOVED_ROWS_CSV,
  writeCleanedCsvGz,
  writeRemovedRowsCsv,
} from "./output/downloads.ts";
import { removeStagedTracksDuckdb, stageTracksDuckdb } from "./output/duckdb-file.ts";
import { type DuckdbFilesWrite, startDuckdbFilesWriter } from "./output/duckdb-files-process.ts";
import { CLEANED_PARQUET_FORMAT, writeCleanedParquet } from "./output/parquet.ts";
import { dataQuality } from "./quality/quality.ts";
import { assignRecordings } from "./quality/recordings.ts";
import { CLEANED_PARQUET, TRACK_IDS_DUCKDB, TRACKS_DUCKDB } from "./results/index.ts";
import { writeResult } from "./results/io.ts";
import type { Result, ResultName } from "./results/registry.ts";
import { stageTimer } from "./stage-timer.ts";
import { superGenreOf } from "./super-genres.ts";

export interface PipelineOptions {
  /** Where results/*.json, cleaned.parquet and the DuckDB files go; replaced atomically on success. */
  outDir: string;
  /** An already located dataset; by default the data locator finds (and verifies) it. */
  dataset?: LocatedDataset;
  log?: (line: string) => void;
}

export interface PipelineSummary {
  rowsIn: number;
  rowsKept: number;
  results: string[];
  stages: { stage: string; seconds: number; detail: string }[];
  totalSeconds: number;
}

const format = (n: number) => n.toLocaleString("en-US");

/** Load → clean → data quality → EDA → write, each stage timed and reported. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const log = options.log ?? (() => {});
  const timer = stageTimer(log);
  const dataset =
    options.dataset ??
    (await timer.run(
      "locate",
      () => locateDataset({ log }),
      (d) =>
        d.pinned
          ? `${d.source}, sha256 verified`
          : `${d.source}, UNVERIFIED: not the pinned dataset (sha256 ${d.sha256} as SPOTIFY_TRACKS_SHA256 states)`,
    ));
  const database = await openPipelineDatabase();
  const duckdbFilesWriter = startDuckdbFilesWriter();
  const db = database.db;
  // The cleaned table's files, written on a second connection once started: settled before the database closes.
  let tableFilesWritten: Promise<Error | undefined> | undefined;
  let duckdbFiles: DuckdbFilesWrite | undefined;
  try {
    const load = await timer.run(
      "load",
      () => loadTracks(db, dataset.path),
      (r) => `${format(r.rows)} rows × 21 columns`,
    );
    const cleaning = await timer.run(
      "clean",
      () => applyCleaningRules(db, CLEANING_RULES, "raw_tracks", "cleaned_tracks"),
      (c) => `${format(c.rowsKept)} kept, ${c.audits.map((a) => `${a.id} −${format(a.removed)}`).join(", ")}`,
    );
    const genreMap = superGenreOf();
    await db.run(
      `CREATE TEMP TABLE genre_map AS SELECT * FROM (VALUES ${[...genreMap]
        .map(([genre, group]) => `(${sqlString(genre)}, ${sqlString(group)})`)
        .join(", ")}) AS m(track_genre, super_genre)`,
    );
    const unmapped = await queryRows<{ g: string }>(
      db,
      "SELECT DISTINCT track_genre AS g FROM cleaned_tracks ANTI JOIN genre_map USING (track_genre) ORDER BY g",
    );
    if (unmapped.length > 0) {
      throw new Error(`genres missing from the super-genre map: ${unmapped.map((r) => r.g).join(", ")}`);
    }
    await db.run(
      "CREATE TEMP VIEW cleaned_genres AS SELECT c.*, m.super_genre FROM cleaned_tracks c JOIN genre_map m USING (track_genre)",
    );

    // The kept rows are views of the raw table until here: `tracks`, built with the recordings, is the one copy.
    const recordings = await timer.run(
      "recordings",
      () => assignRecordings(db, "cleaned_genres", "tracks"),
      (r) =>
        `${format(r.trackIds)} track_ids → ${format(r.recordings)} recordings, ` +
        `${format(r.rowsWithTwinUnderAnotherId)} rows with a twin under another id`,
    );

    await db.run("DROP VIEW cleaned_genres; DROP VIEW cleaned_tracks");

    // The cleaned table's files (its gzipped CSV, its Parquet file and the browser's two DuckDB files) are the
    // costliest writes (the CSV's gzip alone takes about 0.6 s of a core at 1×, the DuckDB files about 0.8 s in
    // their own process) and read only `tracks`, final from here: two more connections write them into the
    // build's scratch folder while this one runs the quality and EDA stages (on the other core where there are
    // two; each connection's statement runs on its own thread), and the write stage copies them into place.
    const besideFiles = [CLEANED_CSV_GZ, CLEANED_PARQUET, TRACKS_DUCKDB, TRACK_IDS_DUCKDB];
    const onConnection = (write: (connection: DuckDBConnection) => Promise<unknown>) =>
      database.connect().then(write);
    tableFilesWritten = outcome(
      Promise.all([
        onConnection((connection) =>
          writeCleanedCsvGz(connection, "tracks", join(database.scratch, CLEANED_CSV_GZ)),
        ),
        onConnection(async (connection) => {
          await writeCleanedParquet(connection, "tracks", join(database.scratch, CLEANED_PARQUET));
          // Shaped here, written by the process started for it (duckdb-files-process.ts says why).
          await stageTracksDuckdb(connection, "tracks", database.scratch);
          duckdbFiles = await duckdbFilesWriter.write(database.scratch, database.scratch);
          await removeStagedTracksDuckdb(database.scratch);
        }),
      ]),
    );

    const quality = await timer.run(
      "quality",
      async () => ({
        raw: await dataQuality(db, "raw_tracks", "raw_tracks", "raw"),
        cleaned: await dataQuality(db, "tracks", "raw_tracks", "cleaned"),
      }),
      (q) =>
        `${format(q.cleaned.trackIdsInSeveralGenres.trackIds)} track_ids in several genres, ` +
        `${format(q.raw.exactDuplicateRows.extraCopies)} duplicate rows`,
    );

    // The raw table's last reader was the quality stage (removed rows were copied out during cleaning).
    await db.run("DROP TABLE raw_tracks");

    const eda = await timer.run(
      "eda",
      async () => {
        const corr = await correlations(db, "tracks");
        return {
          describe: await describe(db, "tracks"),
          // One column at a time: all fifteen at once are 140 MB of arrays at ten times the dataset.
          histograms: await histogramsFromTable(db, "tracks"),
          correlations: corr,
          "correlated-pairs": correlatedPairs(
            corr,
            await readNumericColumns(db, "tracks", pairColumns(corr, CORRELATION_THRESHOLD)),
          ),
          categorical: await categorical(db, "tracks"),
          "genre-means": await genreMeans(db, "tracks", genreMap),
          "super-genres": await superGenres(db, "tracks"),
        };
      },
      (e) =>
        `${e["correlated-pairs"].pairs.length} correlated pairs, ${e["genre-means"].genres.length} genres`,
    );

    const cleaningResult: Result<"cleaning"> = {
      input: {
        file: basename(dataset.path),
        sha256: dataset.sha256,
        bytes: dataset.bytes,
        rows: load.rows,
        columns: 21,
      },
      droppedColumns: COLUMN_RULES.map(({ id, column, description }) => ({ id, column, description })),
      rules: cleaning.audits,
      rowsIn: cleaning.rowsIn,
      rowsKept: cleaning.rowsKept,
      rowsRemoved: cleaning.rowsIn - cleaning.rowsKept,
      seedCodeRowsKept: cleaning.seedCodeRowsKept,
    };
    const results: { [N in ResultName]?: Result<N> } = {
      cleaning: cleaningResult,
      quality,
      recordings,
      ...eda,
    };
    const names = [...Object.keys(results), "manifest", "build-log"].sort() as ResultName[];

    await timer.run(
      "write",
      () =>
        replaceDirectoryAtomically(options.outDir, async (staging) => {
          await mkdir(join(staging, "results"));
          for (const [name, value] of Object.entries(results)) {
            await writeResult(staging, name as ResultName, value as never);
          }
          const removedRows = await writeRemovedRowsCsv(db, join(staging, REMOVED_ROWS_CSV));
          const tableFilesError = await tableFilesWritten;
          if (tableFilesError) throw tableFilesError;
          for (const file of besideFiles) await copyFile(join(database.scratch, file), join(staging, file));
          const downloads = [
            await describeDownload(
              join(staging, CLEANED_PARQUET),
              cleaning.rowsKept,
              "The cleaned table (Parquet, zstd): every kept row with its super-genre and recording.",
            ),
            await describeDownload(
              join(staging, CLEANED_CSV_GZ),
              cleaning.rowsKept,
              "The cleaned table as gzipped CSV: the same columns and rows as the Parquet file.",
            ),
            await describeDownload(
              join(staging, REMOVED_ROWS_CSV),
              removedRows,
              "Every row cleaning removed (CSV): the rule that removed it (removed_by), its index in the " +
                "dataset's file (row_index, from 0) and its columns as read.",
            ),
          ];
          await writeResult(staging, "manifest", {
            dataset: {
              file: basename(dataset.path),
              sha256: dataset.sha256,
              bytes: dataset.bytes,
              pinned: dataset.pinned,
            },
            source: dataset.provenance ?? null,
            rows: { raw: load.rows, cleaned: cleaning.rowsKept },
            parquet: { file: CLEANED_PARQUET, rows: cleaning.rowsKept, ...CLEANED_PARQUET_FORMAT },
            downloads,
            results: names,
          });
          const [version] = await queryRows<{ v: string }>(db, "SELECT version() AS v");
          await writeResult(staging, "build-log", {
            // Written before the write stage ends, so it times every stage but that one.
            stages: [...timer.stages],
            totalSeconds: timer.totalSeconds(),
            datasetSource: dataset.source,
            duckdbVersion: version?.v ?? "unknown",
          });
        }),
      () =>
        `${names.length} results + ${[CLEANED_PARQUET, CLEANED_CSV_GZ, REMOVED_ROWS_CSV, TRACKS_DUCKDB, TRACK_IDS_DUCKDB].join(" + ")} → ${options.outDir}` +
        (duckdbFiles
          ? `; the DuckDB files by a child process in ${duckdbFiles.seconds.toFixed(2)} s` +
            (duckdbFiles.peakMiB === null ? "" : `, its peak ${duckdbFiles.peakMiB.toFixed(0)} MiB`)
          : ""),
    );

    return {
      rowsIn: cleaning.rowsIn,
      rowsKept: cleaning.rowsKept,
      results: names,
      stages: timer.stages,
      totalSeconds: timer.totalSeconds(),
    };
  } finally {
    await tableFilesWritten;
    await duckdbFilesWriter.cancel();
    database.close();
  }
}

/** A promise's failure as a value (undefined on success), so a failure no one awaits yet is not unhandled. */
function outcome(work: Promise<unknown>): Promise<Error | undefined> {
  return work.then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}
