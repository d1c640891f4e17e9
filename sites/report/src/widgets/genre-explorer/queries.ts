import { CORE_CATALOG, CORE_TABLE, TRACK_KEY_SQL } from "@spotiflies/analysis/tracks-view";
import { num, numOrNull, type ResultLike, records, str } from "../ui/records.ts";
import {
  CLIP_QUANTILE,
  type ExplorerFeature,
  FEATURE_SCALES,
  type Grouping,
  HISTOGRAM_BINS,
  isExplorerFeature,
  isGrouping,
  MAX_GROUPS,
} from "./spec.ts";

/**
 * The genre explorer's SQL. DuckDB does all the counting in the page: the browser receives at most a few
 * hundred bin counts and one row of statistics per group, never the tracks themselves.
 */

export interface Query {
  sql: string;
  params: string[];
}

export interface Selection {
  grouping: Grouping;
  feature: ExplorerFeature;
  /** Names of the super-genres or genres to compare. */
  groups: string[];
}

/** Checks a selection before any of it reaches SQL: identifiers from the allow-lists, 1–10 distinct groups. */
export function validateSelection(selection: Selection): Selection {
  const { grouping, feature, groups } = selection;
  if (!isGrouping(grouping)) throw new Error(`Unknown grouping "${String(grouping)}".`);
  if (!isExplorerFeature(feature)) throw new Error(`Unknown feature "${String(feature)}".`);
  if (groups.length === 0) throw new Error("Choose at least one group to show.");
  if (groups.length > MAX_GROUPS) throw new Error(`Choose at most ${MAX_GROUPS} groups at once.`);
  if (new Set(groups).size !== groups.length) throw new Error("A group is chosen twice.");
  return selection;
}

/**
 * The shown tracks as (group, value) pairs. A track listed under several genres of one super-genre counts
 * once in it; the features of a track's rows agree except popularity, where its highest value is used.
 * Tracks are told apart by their key in the database's first file, which stands for the track_id
 * (`@spotiflies/analysis/tracks-view`), so the explorer answers before the IDs themselves have loaded.
 */
function shownTracks({ grouping, feature, groups }: Selection): string {
  const placeholders = groups.map(() => "?").join(", ");
  return `shown AS (
  SELECT ${grouping} AS grp, max(CAST(${feature} AS DOUBLE)) AS v
  FROM ${CORE_CATALOG}.${CORE_TABLE}
  WHERE ${grouping} IN (${placeholders})
  GROUP BY ${grouping}, ${TRACK_KEY_SQL}
)`;
}

/** Bin edges: `bins` bins of `width` from `lo`; values outside [lo, hi] land in the outermost bins. */
function bounds(feature: ExplorerFeature): string {
  const clip = `clip AS (
  SELECT quantile_cont(v, ${CLIP_QUANTILE}) AS lo_q, quantile_cont(v, ${1 - CLIP_QUANTILE}) AS hi_q FROM shown
)`;
  if (FEATURE_SCALES[feature] === "integer") {
    // Whole-number edges, so that every bin holds the same number of possible values.
    return `${clip},
steps AS (
  SELECT floor(lo_q) AS lo, greatest(1, ceil((ceil(hi_q) - floor(lo_q) + 1) / ${HISTOGRAM_BINS})) AS width,
         ceil(hi_q) AS top
  FROM clip
),
bounds AS (
  SELECT lo, width, CAST(ceil((top - lo + 1) / width) AS INTEGER) AS bins,
         lo + ceil((top - lo + 1) / width) * width - 1 AS hi
  FROM steps
)`;
  }
  return `${clip},
bounds AS (
  SELECT lo_q AS lo, hi_q AS hi,
         CASE WHEN hi_q > lo_q THEN (hi_q - lo_q) / ${HISTOGRAM_BINS} ELSE 1 END AS width,
         CASE WHEN hi_q > lo_q THEN ${HISTOGRAM_BINS} ELSE 1 END AS bins
  FROM clip
)`;
}

/** Bin counts per group for a continuous or integer feature, with the bin layout on every row. */
export function histogramQuery(selection: Selection): Query {
  const valid = validateSelection(selection);
  if (FEATURE_SCALES[valid.feature] === "categorical")
    throw new Error(`${valid.feature} is categorical: use categoryQuery.`);
  const sql = `WITH ${shownTracks(valid)},
${bounds(valid.feature)}
SELECT grp,
       CAST(least(greatest(floor((v - lo) / width), 0), bins - 1) AS INTEGER) AS bin,
       count(*) AS n,
       count(*) FILTER (WHERE v < lo) AS below,
       count(*) FILTER (WHERE v > hi) AS above,
       any_value(lo) AS lo, any_value(width) AS width, any_value(bins) AS bins
FROM shown, bounds
GROUP BY grp, bin
ORDER BY grp, bin`;
  return { sql, params: [...valid.groups] };
}

/** Counts per group and value for a categorical feature. */
export function categoryQuery(selection: Selection): Query {
  const valid = validateSelection(selection);
  if (FEATURE_SCALES[valid.feature] !== "categorical")
    throw new Error(`${valid.feature} is not categorical: use histogramQuery.`);
  const sql = `WITH ${shownTracks(valid)}
SELECT grp, v AS value, count(*) AS n
FROM shown
GROUP BY grp, v
ORDER BY grp, v`;
  return { sql, params: [...valid.groups] };
}

/** Summary statistics per group; quantiles interpolate linearly between order statistics. */
export function statsQuery(selection: Selection): Query {
  const valid = validateSelection(selection);
  const sql = `WITH ${shownTracks(valid)}
SELECT grp, count(*) AS n, avg(v) AS mean, stddev_samp(v) AS sd, min(v) AS min,
       quantile_cont(v, 0.05) AS p05, quantile_cont(v, 0.25) AS q1, quantile_cont(v, 0.5) AS median,
       quantile_cont(v, 0.75) AS q3, quantile_cont(v, 0.95) AS p95, max(v) AS max
FROM shown
GROUP BY grp
ORDER BY grp`;
  return { sql, params: [...valid.groups] };
}

export interface Bin {
  group: string;
  /** Lower and upper edge of the bin; values equal to x1 belong to the next bin (except in the last). */
  x0: number;
  x1: number;
  n: number;
}

export interface Histogram {
  bins: Bin[];
  /** The range the bins cover; `below` and `above` values outside it were counted in the outermost bins. */
  lo: number;
  hi: number;
  below: number;
  above: number;
}

export function parseHistogram(result: ResultLike): Histogram {
  const rows = records(result, ["grp", "bin", "n", "below", "above", "lo", "width", "bins"] as const);
  if (rows.length === 0) return { bins: [], lo: 0, hi: 0, below: 0, above: 0 };
  const first = rows[0] as (typeof rows)[number];
  const lo = num(first.lo, "lo");
  const width = num(first.width, "width");
  const binCount = num(first.bins, "bins");
  let below = 0;
  let above = 0;
  const bins = rows.map((row) => {
    const bin = num(row.bin, "bin");
    below += num(row.below, "below");
    above += num(row.above, "above");
    return {
      group: str(row.grp, "grp"),
      x0: lo + bin * width,
      x1: lo + (bin + 1) * width,
      n: num(row.n, "n"),
    };
  });
  return { bins, lo, hi: lo + binCount * width, below, above };
}

export interface CategoryCount {
  group: string;
  value: number;
  n: number;
}

export function parseCategories(result: ResultLike): CategoryCount[] {
  return records(result, ["grp", "value", "n"] as const).map((row) => ({
    group: str(row.grp, "grp"),
    value: num(row.value, "value"),
    n: num(row.n, "n"),
  }));
}

export interface GroupStats {
  group: string;
  n: number;
  mean: number;
  /** Null for a group of one track. */
  sd: number | null;
  min: number;
  p05: number;
  q1: number;
  median: number;
  q3: number;
  p95: number;
  max: number;
}

const STAT_COLUMNS = ["grp", "n", "mean", "sd", "min", "p05", "q1", "median", "q3", "p95", "max"] as const;

export function parseStats(result: ResultLike): GroupStats[] {
  return records(result, STAT_COLUMNS).map((row) => ({
    group: str(row.grp, "grp"),
    n: num(row.n, "n"),
    mean: num(row.mean, "mean"),
    sd: numOrNull(row.sd, "sd"),
    min: num(row.min, "min"),
    p05: num(row.p05, "p05"),
    q1: num(row.q1, "q1"),
    median: num(row.median, "median"),
    q3: num(row.q3, "q3"),
    p95: num(row.p95, "p95"),
    max: num(row.max, "max"),
  }));
}
