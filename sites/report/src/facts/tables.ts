import { result } from "../data/results.ts";
import { intColumn, sigColumn, textColumn } from "../figures/columns.ts";
import type { DataTable } from "../figures/types.ts";
import { feature } from "../site/features.ts";
import { superGenreMapFacts } from "./super-genre-map.ts";

/** Tables the exploratory chapter shows outside figures, built from the analysis results. */

export function describeTable(): DataTable {
  const describe = result("describe");
  return {
    columns: [
      textColumn("column", "column"),
      intColumn("count", "count"),
      sigColumn("mean", "mean"),
      sigColumn("std", "standard deviation"),
      sigColumn("min", "minimum"),
      sigColumn("q25", "25th percentile"),
      sigColumn("q50", "median"),
      sigColumn("q75", "75th percentile"),
      sigColumn("max", "maximum"),
    ],
    rows: describe.columns.map((c) => ({ ...c })),
  };
}

export function superGenreMapTable(): DataTable {
  const facts = superGenreMapFacts();
  return {
    columns: [
      textColumn("superGenre", "super-genre"),
      intColumn("count", "genres"),
      textColumn("genres", "genres"),
    ],
    rows: facts.map.map((group) => ({
      superGenre: group.superGenre,
      count: group.genres.length - group.absent.length,
      genres: group.genres.map((g) => (group.absent.includes(g) ? `${g} (not in the data)` : g)).join(", "),
    })),
  };
}

export function disagreementTable(): DataTable {
  return {
    columns: [
      textColumn("genre", "genre"),
      textColumn("prose", "group in the seed's prose"),
      textColumn("code", "group in the seed's code"),
    ],
    rows: superGenreMapFacts().disagreements,
  };
}

export function groupMeansTable(): DataTable {
  const superGenres = result("super-genres");
  return {
    columns: [
      textColumn("superGenre", "super-genre"),
      intColumn("rows", "tracks"),
      ...superGenres.features.map((f) => sigColumn(f, feature(f).label, 3)),
    ],
    rows: superGenres.groups.map((g) => ({ superGenre: g.superGenre, rows: g.rows, ...g.means })),
  };
}

export function rangesTable(): DataTable {
  const superGenres = result("super-genres");
  return {
    columns: [
      textColumn("feature", "feature"),
      sigColumn("range", "range of group means", 3),
      textColumn("minGroup", "lowest group"),
      sigColumn("minMean", "its mean", 3),
      textColumn("maxGroup", "highest group"),
      sigColumn("maxMean", "its mean", 3),
    ],
    rows: superGenres.ranges.map((r) => ({
      feature: r.feature,
      range: r.range,
      minGroup: r.min.superGenre,
      minMean: r.min.mean,
      maxGroup: r.max.superGenre,
      maxMean: r.max.mean,
    })),
  };
}
