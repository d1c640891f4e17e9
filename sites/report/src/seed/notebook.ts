/**
 * What the seed notebook (the CSM148 "Spotiflies" notebook this report re-examines) wrote in its
 * prose and code, quoted so that the report can compare it with the analysis results at build time.
 * These are the seed's own words, not measurements.
 */

/** The dataset the seed analysed, as its introduction links it. */
export const SEED_DATASET_URL = "https://huggingface.co/datasets/maharshipandya/spotify-tracks-dataset";

/** The seed's two filter lines for zero tempo or time signature, exactly as its code ran them. */
export const SEED_ZERO_FILTER_CODE = `spotify_clean_temp = spotify_clean[spotify_clean['time_signature']!= 0]
spotify_clean_temp = spotify_clean[spotify_clean['tempo']!= 0]
...
spotify_clean = spotify_clean_temp`;

/** The pairs the seed plotted as "correlations larger than 0.4 or smaller than -0.4" (x, y). */
export const SEED_CORRELATED_PAIRS: readonly (readonly [string, string])[] = [
  ["loudness", "energy"],
  ["acousticness", "energy"],
  ["acousticness", "loudness"],
  ["instrumentalness", "loudness"],
  ["valence", "danceability"],
];

/**
 * The super-genre grouping as the seed's prose lists it (section 1.3). Its code used a different
 * dictionary; the analysis results carry that dictionary (`super-genres.json`, `map`).
 */
export const SEED_PROSE_SUPER_GENRES: Readonly<Record<string, readonly string[]>> = {
  pop: ["cantopop", "j-pop", "k-pop", "mandopop", "pop", "indie-pop", "power-pop", "pop-film", "synth-pop"],
  rock: [
    "alt-rock",
    "alternative",
    "hard-rock",
    "punk-rock",
    "psych-rock",
    "rock",
    "rock-n-roll",
    "grunge",
    "emo",
    "rockabilly",
    "guitar",
  ],
  metal: ["black-metal", "death-metal", "heavy-metal", "metal", "metalcore", "grindcore"],
  electronic: [
    "edm",
    "electro",
    "electronic",
    "house",
    "garage",
    "techno",
    "trance",
    "dubstep",
    "idm",
    "minimal-techno",
    "progressive-house",
    "chicago-house",
    "deep-house",
    "detroit-techno",
    "disco",
    "drum-and-bass",
    "dub",
    "club",
    "dance",
    "dancehall",
  ],
  "hip-hop": ["hip-hop", "rap", "r-n-b", "breakbeat"],
  jazz: ["jazz", "blues", "soul", "funk"],
  classical: ["classical", "opera", "piano"],
  world: [
    "afrobeat",
    "brazil",
    "british",
    "latin",
    "latino",
    "samba",
    "salsa",
    "reggae",
    "reggaeton",
    "tango",
    "world-music",
    "indian",
    "iranian",
    "turkish",
    "malay",
    "mpb",
    "pagode",
    "forro",
    "french",
    "german",
    "spanish",
    "swedish",
  ],
  folk: ["folk", "bluegrass", "country", "singer-songwriter", "songwriter", "honky-tonk"],
  misc: [
    "acoustic",
    "ambient",
    "anime",
    "children",
    "chill",
    "comedy",
    "disney",
    "happy",
    "party",
    "study",
    "sleep",
    "show-tunes",
    "new-age",
    "kids",
    "industrial",
    "gospel",
    "goth",
    "groove",
    "hardcore",
    "hardstyle",
    "indie",
    "j-dance",
    "j-idol",
    "j-rock",
    "punk",
    "romance",
    "sad",
    "sertanejo",
    "ska",
    "trip-hop",
  ],
};

/** The seed's prose on duration: "the range of the means is about 43000ms, which is about a 42 second difference". */
export const SEED_PROSE_DURATION_RANGE_MS = 43_000;

/** The seed's summary of which features differ most between its super-genres. */
export const SEED_PROSE_MOST_VARIED_FEATURES = ["acousticness", "instrumentalness"] as const;

/* ── Section 1.4: linear and polynomial regression ─────────────────────────────────────────── */

/** The energy model's metrics as the seed printed them (cell 54). */
export const SEED_ENERGY_PRINTED = {
  trainR2: 0.7477655716969742,
  validationR2: 0.7385932898496084,
  /** Printed after the label "Loss, variance, and bias:" — in that order of values: loss, bias, variance. */
  loss: 0.01592652204991807,
  second: 0.015924634631379178,
  third: 1.8874185388953818e-6,
} as const;

/** The R² values the seed's prose quotes for the same model ("The R² values (0.743 and 0.746)"). */
export const SEED_ENERGY_PROSE_R2 = [0.743, 0.746] as const;

/**
 * The seed called mlxtend's `bias_variance_decomp` without `num_rounds`, so every decomposition used the
 * library's default of 200 bootstrap rounds.
 */
export const SEED_BIAS_VARIANCE_ROUNDS = 200;

/** The seed's prose on its per-genre linear sweep: how many genres each response was best for. */
export const SEED_SWEEP_TALLY_PROSE: Readonly<Record<string, number>> = {
  energy: 101,
  loudness: 11,
  speechiness: 1,
  valence: 1,
};

/** What the seed's three sweeps printed as "the highest Validation R²" (group, response, score). */
export const SEED_SWEEP_HIGHEST_PRINTED = {
  genreLinear: { group: "world-music", response: "tempo", r2: 0.9132660013292169 },
  genreQuadratic: { group: "world-music", response: "tempo", r2: 0.9293826016602357 },
  superGenreLinear: { group: "world", response: "tempo", r2: 0.8921830467528595 },
} as const;

/* ── Section 1.5: logistic regression ──────────────────────────────────────────────────────── */

/** One row of a classification report as the seed printed it. */
export interface SeedReportRow {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** The seed's classification report for its logistic regression (cell 110), per super-genre. */
export const SEED_LOGISTIC_REPORT: readonly SeedReportRow[] = [
  { label: "classical", precision: 0.36, recall: 0.11, f1: 0.16, support: 607 },
  { label: "electronic", precision: 0.44, recall: 0.68, f1: 0.54, support: 4839 },
  { label: "folk", precision: 0.31, recall: 0.18, f1: 0.23, support: 1218 },
  { label: "hip-hop", precision: 0.5, recall: 0.0, f1: 0.0, support: 767 },
  { label: "jazz", precision: 0.11, recall: 0.0, f1: 0.0, support: 1242 },
  { label: "metal", precision: 0.52, recall: 0.57, f1: 0.54, support: 1203 },
  { label: "misc", precision: 0.43, recall: 0.36, f1: 0.39, support: 3504 },
  { label: "pop", precision: 0.28, recall: 0.08, f1: 0.13, support: 2020 },
  { label: "rock", precision: 0.3, recall: 0.28, f1: 0.29, support: 2828 },
  { label: "world", precision: 0.34, recall: 0.52, f1: 0.41, support: 4538 },
];

/** The seed's sentence about that table: it names jazz, whose precision in the table is 0.11. */
export const SEED_LOGISTIC_PROSE = {
  quote: "the precision for our predictions is not very high, with the highest being jazz, at 52%",
  namedClass: "jazz",
  value: 0.52,
} as const;

/** The seed's `permutation_test_score` call: 100 permutations, 5-fold cross-validation, on its test rows. */
export const SEED_PERMUTATION_TEST = { permutations: 100, folds: 5 } as const;

/* ── Section 1.6: trees, forests and neighbours ────────────────────────────────────────────── */

/** The seed's decision-tree grid (cell 35), searched with 5-fold cross-validation on all training rows. */
export const SEED_TREE_GRID: Readonly<Record<string, readonly (number | string | null)[]>> = {
  criterion: ["gini", "entropy"],
  max_depth: [null, 10, 20, 30, 40, 50],
  min_samples_split: [2, 5, 10],
  min_samples_leaf: [1, 2, 4],
  max_features: [null, "sqrt", "log2"],
};
export const SEED_TREE_FOLDS = 5;

/**
 * The seed's prose on its decision tree: "best at calculating electronic tracks, with a precision of 62%, while
 * it was very bad at classifying hip-hop tracks, with a precision score of only 9%". In its table those are the
 * recalls; the precisions were 0.49 and 0.35, and metal's 0.63 was the highest.
 */
export const SEED_TREE_PROSE = {
  electronic: { quoted: 0.62, precision: 0.49, recall: 0.62 },
  hipHop: { quoted: 0.09, precision: 0.35, recall: 0.09 },
  highestPrecision: { label: "metal", precision: 0.63 },
} as const;

/** The seed's random-forest grid (cell 38), 5-fold cross-validation on all training rows. */
export const SEED_FOREST_GRID: Readonly<Record<string, readonly (number | string | null)[]>> = {
  n_estimators: [100, 200],
  max_depth: [10, 20, 30],
};
export const SEED_FOREST_FOLDS = 5;

/** The seed's forest: train and test accuracy as printed (cell 46). */
export const SEED_FOREST_PRINTED = {
  trainAccuracy: 0.9188239428370621,
  testAccuracy: 0.5578054994289731,
} as const;

/** The seed's forward selection: `SequentialFeatureSelector(..., n_features_to_select='auto', cv=5)`. */
export const SEED_SELECTION_FOLDS = 5;

/** The features the seed's permutation importances ranked highest: logistic regression (cell 107), decision tree (cell 68). */
export const SEED_LOGISTIC_PERMUTATION_TOP = ["acousticness", "danceability"] as const;
export const SEED_TREE_PERMUTATION_TOP = ["popularity", "acousticness", "danceability"] as const;

/**
 * Section 1.7 (PCA/Clustering): the component counts its prose suggests keeping after the scree plot and the
 * cumulative variance it says they cover ("the first 3 or 4 principal components … (~0.18 cumulative)"), and
 * the silhouettes its conclusion gives k-means and agglomerative clustering ("~0.5"). Its printed numbers are
 * in pca-clustering.json (`seedPrinted`).
 */
export const SEED_PCA_PROSE = {
  componentsSuggested: [3, 4],
  cumulativeQuoted: 0.18,
  clusteringSilhouetteQuoted: 0.5,
} as const;
