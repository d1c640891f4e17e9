import { result } from "../data/results.ts";
import { SEED_CORRELATED_PAIRS, SEED_PROSE_MOST_VARIED_FEATURES } from "../seed/notebook.ts";

/** Derived facts for the chapter "Exploratory analysis", all computed from the analysis results. */

function shareOfFirstBin(column: string, which: "seed" | "fine"): number {
  const histogram = result("histograms").columns.find((c) => c.column === column);
  if (!histogram) throw new Error(`histograms.json has no column ${column}`);
  const bins = histogram[which].bins;
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  return (bins[0]?.count ?? 0) / total;
}

function describeOf(column: string) {
  const row = result("describe").columns.find((c) => c.column === column);
  if (!row) throw new Error(`describe.json has no column ${column}`);
  return row;
}

export function distributionFacts() {
  const histograms = result("histograms");
  const categorical = result("categorical");
  const byCount = <T extends { count: number }>(items: T[]) => [...items].sort((a, b) => b.count - a.count);
  const keys = byCount(categorical.key);
  const signatures = byCount(categorical.time_signature);
  return {
    rows: histograms.rows,
    seedBins: histograms.columns[0]?.seed.binCount ?? 0,
    fineBins: histograms.columns[0]?.fine.binCount ?? 0,
    lowestTenth: {
      instrumentalness: shareOfFirstBin("instrumentalness", "seed"),
      speechiness: shareOfFirstBin("speechiness", "seed"),
      duration: shareOfFirstBin("duration_ms", "seed"),
      popularity: shareOfFirstBin("popularity", "seed"),
    },
    duration: describeOf("duration_ms"),
    keys: { commonest: keys[0], rarest: keys.at(-1) },
    major: categorical.mode.find((m) => m.value === 1),
    commonestSignature: signatures[0],
    /** Time signatures other than 3 to 7 beats per bar are not musical time signatures at all. */
    oddSignatures: categorical.time_signature.filter((t) => typeof t.value === "number" && t.value < 3),
    explicit: categorical.explicit.find((e) => e.value === true),
  };
}

/** Below this absolute correlation the report calls a pair of features only weakly related. */
const WEAK = 0.2;

export function relationshipFacts() {
  const correlations = result("correlations");
  const pairs = result("correlated-pairs");
  const cells = correlations.columns.flatMap((x, i) =>
    correlations.columns.slice(i + 1).map((y, k) => ({ x, y, r: correlations.matrix[i]?.[i + 1 + k] ?? 0 })),
  );
  const strongest = [...cells].sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
  const key = (x: string, y: string) => [x, y].sort().join(" & ");
  const seedKeys = new Set(SEED_CORRELATED_PAIRS.map(([x, y]) => key(x, y)));
  const ourKeys = new Set(pairs.pairs.map((p) => key(p.x, p.y)));
  const gains = pairs.pairs.map((p) => ({ ...p, gain: p.quadratic.r2 - p.linear.r2 }));
  return {
    features: correlations.columns.length,
    cellCount: cells.length,
    strongest: strongest[0],
    weakLimit: WEAK,
    weakPairs: cells.filter((c) => Math.abs(c.r) < WEAK).length,
    threshold: pairs.threshold,
    pairs: pairs.pairs,
    sameAsSeed: seedKeys.size === ourKeys.size && [...seedKeys].every((k) => ourKeys.has(k)),
    onlyInSeed: [...seedKeys].filter((k) => !ourKeys.has(k)),
    onlyHere: [...ourKeys].filter((k) => !seedKeys.has(k)),
    bestLinear: [...pairs.pairs].sort((a, b) => b.linear.r2 - a.linear.r2)[0],
    biggestGain: [...gains].sort((a, b) => b.gain - a.gain)[0],
    gridSize: pairs.pairs[0] ? `${pairs.pairs[0].density.nx} × ${pairs.pairs[0].density.ny}` : "",
  };
}

export function genreFacts() {
  const genreMeans = result("genre-means");
  const superGenres = result("super-genres");
  // The same scale as the super-genre spread figure: all tracks' mean and standard deviation, from the same query.
  const { overall } = superGenres;
  const spread = superGenres.features
    .map((feature) => {
      const zs = superGenres.groups.map(
        (g) => ((g.means[feature] ?? 0) - (overall.means[feature] ?? 0)) / (overall.std[feature] ?? 1),
      );
      return { feature, width: Math.max(...zs) - Math.min(...zs) };
    })
    .sort((a, b) => b.width - a.width);
  const rank = (feature: string) => spread.findIndex((s) => s.feature === feature) + 1;
  const extremes = (feature: string) => {
    const sorted = [...genreMeans.genres].sort((a, b) => (b.means[feature] ?? 0) - (a.means[feature] ?? 0));
    return { highest: sorted.slice(0, 3), lowest: sorted.slice(-3).reverse() };
  };
  const sizes = [...superGenres.groups].sort((a, b) => b.rows - a.rows);
  return {
    genres: genreMeans.genres.length,
    features: genreMeans.features,
    superGenres: superGenres.groups.length,
    listedButAbsent: superGenres.listedButAbsent,
    largestGroup: sizes[0],
    smallestGroup: sizes.at(-1),
    ranges: superGenres.ranges,
    spread,
    widest: spread.slice(0, 3),
    narrowest: spread.at(-1),
    seedMostVaried: SEED_PROSE_MOST_VARIED_FEATURES.map((feature) => ({ feature, rank: rank(feature) })),
    energy: extremes("energy"),
    danceability: extremes("danceability"),
    popularity: extremes("popularity"),
  };
}
