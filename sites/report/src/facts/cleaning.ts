import { result } from "../data/results.ts";

/** Derived facts for the chapter "The data and its cleaning", all computed from the analysis results. */

export function cleaningFacts() {
  const cleaning = result("cleaning");
  const manifest = result("manifest");
  const quality = result("quality");
  const recordings = result("recordings");
  const discrepant = cleaning.rules.find((rule) => rule.seedDiscrepancy !== undefined);
  if (!discrepant?.seedDiscrepancy) throw new Error("cleaning.json records no seed discrepancy to explain.");
  const seed = discrepant.seedDiscrepancy;
  const rawCounts = quality.raw.genreCounts.map((g) => g.rows);
  const cleanedCounts = [...quality.cleaned.genreCounts].sort((a, b) => a.rows - b.rows);
  const multi = quality.raw.trackIdsInSeveralGenres;
  const mostGenres = multi.byGenreCount.reduce((a, b) => (b.genres > a.genres ? b : a));
  return {
    cleaning,
    manifest,
    quality,
    /** The dataset's columns in file order: the dropped index, then the kept columns. */
    datasetColumns: [
      ...cleaning.droppedColumns.map((c) => c.column),
      ...manifest.parquet.columns.filter((c) => c !== "super_genre" && c !== "recording_id"),
    ],
    /** The rule whose removal the seed reported differently from what its code did. */
    discrepant,
    seed,
    /** Rows the discrepant rule matches in the raw data that an earlier rule had already removed. */
    removedEarlier: discrepant.matchedInRaw - discrepant.removed,
    /** The rules that ran before the discrepant one. */
    earlierRules: cleaning.rules.slice(0, cleaning.rules.indexOf(discrepant)),
    extraRowsInSeedTable: cleaning.seedCodeRowsKept - cleaning.rowsKept,
    rawRowsPerGenre: { min: Math.min(...rawCounts), max: Math.max(...rawCounts), genres: rawCounts.length },
    smallestGenres: cleanedCounts.slice(0, 3),
    genresTouched: cleanedCounts.filter((g) => g.removed > 0).length,
    multiGenre: multi,
    multiGenreShareOfIds: multi.trackIds / multi.distinctTrackIds,
    mostGenres,
    recordings,
    /** Rows whose recording also appears under another track_id, as a share of the cleaned rows. */
    twinShare: recordings.rowsWithTwinUnderAnotherId / recordings.rows,
    largestRecording: recordings.byTrackIds.reduce((a, b) => (b.trackIds > a.trackIds ? b : a)),
    rowsPerDistinctId: quality.raw.genreCounts.reduce((sum, g) => sum + g.rows, 0) / multi.distinctTrackIds,
  };
}
