import { result } from "../data/results.ts";
import { genreModelFacts } from "./genre-model.ts";
import { ranked } from "./model-ranking.ts";
import { bestAudioForGoals, comparisonRows } from "./model-tables.ts";
import { finalFacts, reproductionFacts } from "./neural-network.ts";

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

/** The report's main findings for the overview page, computed from the models' results. */
export function headlineFindings() {
  const superGenres = ranked("super-genre");
  const genres = ranked("genre");
  const rows = comparisonRows();
  const network = finalFacts();
  const seedNetwork = reproductionFacts();
  const genreModel = genreModelFacts();
  const best = superGenres[0];
  const bestGenre = genres[0];
  if (!best || !bestGenre) throw new Error("The model comparison has no super-genre or genre rows.");
  return {
    best,
    bestGenre,
    genres: network.genres,
    /** The largest and the mean drop in accuracy from the seed's random split to the recording-grouped split. */
    largestDrop: [...rows].sort((a, b) => b.gap - a.gap)[0],
    meanDrop: rows.reduce((sum, r) => sum + r.gap, 0) / rows.length,
    seedNetworkAccuracy: seedNetwork.seed.validationAccuracy,
    network: network.superGrouped.test.accuracy,
    networkGenreTop5: network.top(network.genreGrouped, 5),
    pooledGenre: genreModel.genrePooledGrouped.accuracy,
    pooledGoalsMet: genreModel.pooledGoalsMet,
    audioGoalsMet: genreModel.audioGoalsMet,
    /** The goals any audio-only model of the report (not only the genre model) meets on the seed's split. */
    bestAudioGoals: bestAudioForGoals("seed-random").filter((b) => b.met),
    goals: genreModel.goals.length,
  };
}
