import { result } from "../data/results.ts";

/** Headline facts for the overview page, computed from the analysis results. */
export function overviewFacts() {
  const cleaning = result("cleaning");
  const quality = result("quality");
  const genreMeans = result("genre-means");
  const superGenres = result("super-genres");
  const correlatedPairs = result("correlated-pairs");
  const discrepant = cleaning.rules.find((rule) => rule.seedDiscrepancy !== undefined);
  return {
    rowsIn: cleaning.rowsIn,
    rowsKept: cleaning.rowsKept,
    columns: cleaning.input.columns,
    genres: genreMeans.genres.length,
    superGenres: superGenres.groups.length,
    features: genreMeans.features.length,
    trackIdsInSeveralGenres: quality.raw.trackIdsInSeveralGenres.trackIds,
    duplicateRows: quality.raw.exactDuplicateRows.extraCopies,
    correlatedPairs: correlatedPairs.pairs.length,
    correlationThreshold: correlatedPairs.threshold,
    seedStated: discrepant?.seedDiscrepancy?.statedRemoved,
    seedCodeRemoved: discrepant?.seedDiscrepancy?.seedCodeRemoved,
  };
}
