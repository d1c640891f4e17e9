import { modelResult } from "../data/models.ts";
import { result } from "../data/results.ts";
import {
  SEED_BIAS_VARIANCE_ROUNDS,
  SEED_FOREST_FOLDS,
  SEED_FOREST_GRID,
  SEED_FOREST_PRINTED,
  SEED_LOGISTIC_PERMUTATION_TOP,
  SEED_LOGISTIC_PROSE,
  SEED_LOGISTIC_REPORT,
  SEED_PERMUTATION_TEST,
  SEED_TREE_FOLDS,
  SEED_TREE_GRID,
  SEED_TREE_PERMUTATION_TOP,
  SEED_TREE_PROSE,
} from "../seed/notebook.ts";
import { comparisonRows } from "./model-tables.ts";
import {
  classifier,
  evaluation,
  gridSize,
  gridText,
  HEADLINE,
  majorityShare,
  type Protocol,
  paramsText,
  searchSeconds,
  taskName,
  topClass,
  topK,
} from "./models.ts";

/** Derived facts for the classification chapters, all computed from the models' and the analysis results. */

export function logisticFacts() {
  const model = classifier("logistic-regression");
  const e = evaluation("logistic-regression", "seed-random", "super-genre");
  const grouped = evaluation("logistic-regression", HEADLINE, "super-genre");
  const test = e.permutationTest;
  const importance = e.permutationImportance;
  const roc = e.test.roc;
  if (!test || !importance || !roc)
    throw new Error("logistic-regression.json lacks its permutation test, importance or ROC.");
  const sortedImportance = [...importance].sort((a, b) => b.mean - a.mean);
  const seedTop = [...SEED_LOGISTIC_REPORT].sort((a, b) => b.precision - a.precision)[0];
  const seedNamed = SEED_LOGISTIC_REPORT.find((c) => c.label === SEED_LOGISTIC_PROSE.namedClass);
  const curves = [...roc.curves].sort((a, b) => b.auc - a.auc);
  const numeric = model.features.filter((f) => !/_\d+$/.test(f)).length;
  const seedElectronic = SEED_LOGISTIC_REPORT.find((c) => c.label === "electronic");
  return {
    model,
    e,
    grouped,
    numericFeatures: numeric,
    oneHotFeatures: model.features.length - numeric,
    classes: e.test.classes.length,
    testRows: e.test.perClass.reduce((sum, c) => sum + c.support, 0),
    majority: majorityShare(e),
    topPrecision: topClass(e, "precision"),
    topRecall: topClass(e, "recall"),
    /** Classes the model (almost) never predicts: recall below 2 %. */
    neverFound: e.test.perClass.filter((c) => c.recall < 0.02),
    top5: topK(e, 5),
    test,
    /** The smallest p-value a permutation test with n permutations can give: 1 / (n + 1). */
    smallestP: 1 / (test.permutations + 1),
    seedPermutation: SEED_PERMUTATION_TEST,
    seedSmallestP: 1 / (SEED_PERMUTATION_TEST.permutations + 1),
    permutationsAbove: test.permutationScores.filter((s) => s >= test.score).length,
    permutationMax: Math.max(...test.permutationScores),
    permutationMean: test.permutationScores.reduce((a, b) => a + b, 0) / test.permutationScores.length,
    importance: sortedImportance,
    negligible: sortedImportance.filter((i) => Math.abs(i.mean) <= 0.001).length,
    /** Whether every one-hot column (key_*, mode_*, time_signature_*) changes accuracy by 0.001 or less. */
    oneHotNegligible: sortedImportance
      .filter((i) => /_\d+$/.test(i.feature))
      .every((i) => Math.abs(i.mean) <= 0.001),
    seedLeadersAgree: SEED_LOGISTIC_PERMUTATION_TOP.every((f) =>
      sortedImportance.slice(0, SEED_LOGISTIC_PERMUTATION_TOP.length).some((i) => i.feature === f),
    ),
    roc,
    bestCurve: curves[0],
    worstCurve: curves.at(-1),
    seedReport: SEED_LOGISTIC_REPORT,
    seedProse: SEED_LOGISTIC_PROSE,
    seedTop,
    seedNamed,
    seedNote: model.seed.note,
    seedAccuracy: model.seed.testAccuracy,
    seedElectronicSupport: seedElectronic?.support ?? 0,
    electronicSupport: e.test.perClass.find((c) => c.label === "electronic")?.support ?? 0,
  };
}

export function treeFacts() {
  const tree = classifier("decision-tree");
  const forest = classifier("random-forest");
  const knn = classifier("knn");
  const search = tree.search;
  const forestSearch = forest.search;
  if (!search || !forestSearch)
    throw new Error("decision-tree.json or random-forest.json records no grid search.");
  const treeEval = evaluation("decision-tree", "seed-random", "super-genre");
  const forestEval = evaluation("random-forest", "seed-random", "super-genre");
  const knnRaw = evaluation("knn", "seed-random", "super-genre", "none");
  const knnScaled = evaluation("knn", "seed-random", "super-genre", "standard");
  const treeGenre = evaluation("decision-tree", "seed-random", "genre");
  const knnRawGenre = evaluation("knn", "seed-random", "genre", "none");
  const knnScaledGenre = evaluation("knn", "seed-random", "genre", "standard");
  const describe = result("describe");
  const std = (column: string) => describe.columns.find((c) => c.column === column)?.std ?? Number.NaN;
  const unitFeatures = [
    "danceability",
    "energy",
    "speechiness",
    "acousticness",
    "instrumentalness",
    "liveness",
    "valence",
  ];
  const widestUnit = Math.max(...unitFeatures.map(std));
  const topMdi = (e: typeof treeEval) =>
    [...(e.featureImportance ?? [])].sort((a, b) => b.importance - a.importance).slice(0, 3);
  const topPerm = (e: typeof treeEval) =>
    [...(e.permutationImportance ?? [])].sort((a, b) => b.mean - a.mean).slice(0, 3);
  /** The two classes a model finds best (highest recall) and the predicted class that absorbs most mistakes. */
  const pattern = (e: typeof treeEval) => {
    const byRecall = [...e.test.perClass].sort((a, b) => b.recall - a.recall);
    const absorbed = e.test.classes.map((label, j) => ({
      label,
      wrong: e.test.confusion.reduce((sum, row, i) => sum + (i === j ? 0 : (row[j] ?? 0)), 0),
    }));
    return {
      best: byRecall.slice(0, 2),
      absorber: [...absorbed].sort((a, b) => b.wrong - a.wrong)[0],
    };
  };
  return {
    tree,
    forest,
    knn,
    search,
    forestSearch,
    treeEval,
    forestEval,
    knnRaw,
    knnScaled,
    treeGenre,
    knnRawGenre,
    knnScaledGenre,
    genreClasses: treeGenre.test.classes.length,
    gridCombinations: gridSize(search.grid),
    searchSeconds: searchSeconds("decision-tree"),
    gridText: gridText(search.grid),
    best: paramsText(search.best),
    seedGrid: gridText(SEED_TREE_GRID),
    seedGridCombinations: gridSize(SEED_TREE_GRID),
    seedFolds: SEED_TREE_FOLDS,
    seedTreeProse: SEED_TREE_PROSE,
    forestBest: paramsText(forestSearch.best),
    forestGrid: gridText(forestSearch.grid),
    forestChosen: forestEval.chosen ?? {},
    seedForestGrid: gridText(SEED_FOREST_GRID),
    seedForestCombinations: gridSize(SEED_FOREST_GRID),
    seedForestFolds: SEED_FOREST_FOLDS,
    seedForest: SEED_FOREST_PRINTED,
    majority: majorityShare(treeEval),
    topPrecisionTree: topClass(treeEval, "precision"),
    topRecallTree: topClass(treeEval, "recall"),
    topPrecisionForest: topClass(forestEval, "precision"),
    hipHopForest: forestEval.test.perClass.find((c) => c.label === "hip-hop"),
    durationStd: std("duration_ms"),
    popularityStd: std("popularity"),
    tempoStd: std("tempo"),
    widestUnit,
    durationRatio: std("duration_ms") / widestUnit,
    treeTopMdi: topMdi(treeEval),
    treeTopPerm: topPerm(treeEval),
    seedTreeLeadersAgree: SEED_TREE_PERMUTATION_TOP.every((f) =>
      topPerm(treeEval).some((i) => i.feature === f),
    ),
    patterns: [
      { name: "decision tree", ...pattern(treeEval) },
      { name: "random forest", ...pattern(forestEval) },
      { name: "unscaled KNN", ...pattern(knnRaw) },
      { name: "scaled KNN", ...pattern(knnScaled) },
    ],
    forestIsBest:
      forestEval.test.accuracy >
      Math.max(treeEval.test.accuracy, knnRaw.test.accuracy, knnScaled.test.accuracy),
    forestTopMdi: topMdi(forestEval),
    forestTopPerm: topPerm(forestEval),
    top5: {
      tree: topK(treeGenre, 5),
      knnRaw: topK(knnRawGenre, 5),
      knnScaled: topK(knnScaledGenre, 5),
    },
    top1: {
      tree: topK(treeGenre, 1),
      knnRaw: topK(knnRawGenre, 1),
      knnScaled: topK(knnScaledGenre, 1),
    },
  };
}

/** Below this difference in accuracy (3 percentage points) the report calls the gap between the splits small. */
const SMALL_GAP = 0.03;

function sharedLeaders(): string[] {
  const models = (["logistic-regression", "decision-tree", "random-forest"] as const).map((name) =>
    [...(evaluation(name, "seed-random", "super-genre").permutationImportance ?? [])]
      .sort((a, b) => b.mean - a.mean)
      .slice(0, 3)
      .map((i) => i.feature),
  );
  const [first = [], ...rest] = models;
  const inAll = first.filter((f) => rest.every((m) => m.includes(f)));
  return inAll;
}

export function comparisonFacts() {
  const quality = result("quality");
  const recordings = result("recordings");
  const rows = comparisonRows();
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const biggest = [...rows].sort((a, b) => b.gap - a.gap)[0];
  const biggestTrackLeak = [...rows].sort((a, b) => b.trackLeak - a.trackLeak)[0];
  const biggestRecordingLeak = [...rows].sort((a, b) => b.recordingLeak - a.recordingLeak)[0];
  const superGenre = rows.filter((r) => r.task === "super-genres");
  const byHeadline = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    b.headlineAccuracy - a.headlineAccuracy;
  const best = [...superGenre].sort(byHeadline)[0];
  const bestGenre = [...rows.filter((r) => r.task === "genres")].sort(byHeadline)[0];
  const forest = evaluation("random-forest", HEADLINE, "super-genre");
  const random = evaluation("random-forest", "seed-random", "super-genre");
  const board = modelResult("leaderboard");
  const protocol = (p: Protocol) => evaluation("random-forest", p, "super-genre").protocol;
  return {
    quality,
    recordings,
    rows,
    biggest,
    biggestTrackLeak,
    biggestRecordingLeak,
    meanGap: mean(rows.map((r) => r.gap)),
    /** Mean points lost to each correction, per task (negative: the score rose). */
    leakByTask: (["super-genre", "genre"] as const).map((task) => {
      const own = rows.filter((r) => r.task === taskName(task));
      return {
        task: taskName(task),
        track: mean(own.map((r) => r.trackLeak)),
        recording: mean(own.map((r) => r.recordingLeak)),
        total: mean(own.map((r) => r.gap)),
      };
    }),
    meanTrackLeak: mean(rows.map((r) => r.trackLeak)),
    meanRecordingLeak: mean(rows.map((r) => r.recordingLeak)),
    /** Rows (model × task) that score higher on the recording-grouped split than on the random one. */
    negativeGaps: rows.filter((r) => r.gap < 0).length,
    /** Rows that lose accuracy from the track-grouped to the recording-grouped split. */
    recordingLosses: rows.filter((r) => r.recordingLeak > 0).length,
    best,
    bestGenre,
    /** The best audio-only model per task and protocol, as the leaderboard names it. */
    bestByProtocol: board.best,
    majority: majorityShare(forest),
    genreClasses: evaluation("decision-tree", HEADLINE, "genre").test.classes.length,
    randomProtocol: protocol("seed-random"),
    trackProtocol: protocol("track-grouped"),
    headlineProtocol: protocol(HEADLINE),
    /** The forest's training accuracy on the headline protocol, beside its headline test accuracy. */
    forestTrain: forest.trainAccuracy ?? 0,
    forestRandomTrain: random.trainAccuracy ?? 0,
    /** Whether every accuracy moves by less than this between the splits. */
    smallGapLimit: SMALL_GAP,
    gapsSmall: Math.max(...rows.map((r) => Math.abs(r.gap))) < SMALL_GAP,
    /** Features among the three most important (by permutation) of every model that records them. */
    sharedLeaders: sharedLeaders(),
    flexibleBeatLinear:
      Math.min(evaluation("decision-tree", HEADLINE, "super-genre").test.accuracy, forest.test.accuracy) >
      evaluation("logistic-regression", HEADLINE, "super-genre").test.accuracy,
    scalingGain:
      evaluation("knn", HEADLINE, "super-genre", "standard").test.accuracy -
      evaluation("knn", HEADLINE, "super-genre", "none").test.accuracy,
    knnVersusTree: Math.abs(
      evaluation("knn", HEADLINE, "super-genre", "standard").test.accuracy -
        evaluation("decision-tree", HEADLINE, "super-genre").test.accuracy,
    ),
  };
}

export function methodsFacts() {
  const manifest = result("manifest");
  const analysisLog = result("build-log");
  const modelsLog = modelResult("models-build-log");
  const energy = modelResult("energy-regression");
  const sweeps = modelResult("response-sweeps");
  const logistic = evaluation("logistic-regression", "seed-random", "super-genre");
  const treeSearch = classifier("decision-tree").search;
  const forestSearch = classifier("random-forest").search;
  const forest = evaluation("random-forest", "seed-random", "super-genre");
  if (!treeSearch || !forestSearch)
    throw new Error("decision-tree.json or random-forest.json records no grid search.");
  const test = logistic.permutationTest;
  const trimmed = [
    {
      setting: "decision-tree grid search",
      here: `${gridSize(treeSearch.grid)} combinations, ${treeSearch.folds}-fold, ${treeSearch.rows.toLocaleString("en-US")} sampled training rows`,
      seed: `${gridSize(SEED_TREE_GRID)} combinations, ${SEED_TREE_FOLDS}-fold, all training rows`,
    },
    {
      setting: "random-forest grid search",
      here: `${gridText(forestSearch.grid)}; ${forestSearch.folds}-fold on ${forestSearch.rows.toLocaleString("en-US")} sampled rows; final forest ${String(forest.chosen?.n_estimators ?? "")} trees`,
      seed: `${gridText(SEED_FOREST_GRID)}; ${SEED_FOREST_FOLDS}-fold on all training rows`,
    },
    {
      setting: "permutation test (logistic regression)",
      here: test ? `${test.permutations} permutations, ${test.folds}-fold` : "not run",
      seed: `${SEED_PERMUTATION_TEST.permutations} permutations, ${SEED_PERMUTATION_TEST.folds}-fold`,
    },
    {
      setting: "bias–variance rounds, response sweeps",
      here: String(sweeps.biasVariance?.numRounds ?? "not run"),
      seed: String(SEED_BIAS_VARIANCE_ROUNDS),
    },
    {
      setting: "bias–variance rounds, energy model",
      here: String(energy.biasVariance?.numRounds ?? "not run"),
      seed: String(SEED_BIAS_VARIANCE_ROUNDS),
    },
  ];
  return {
    trimmed,
    manifest,
    analysisLog,
    modelsLog,
    energyRounds: energy.biasVariance?.numRounds ?? 0,
    energySeed: energy.biasVariance?.seed ?? 0,
    sweepRounds: sweeps.biasVariance?.numRounds ?? 0,
    protocols: energy.evaluations.map((e) => e.protocol),
    permutationTest: logistic.permutationTest,
    randomStates: (["decision-tree", "random-forest"] as const).map((name) => ({
      name,
      randomState: classifier(name).hyperparameters.randomState,
    })),
  };
}
