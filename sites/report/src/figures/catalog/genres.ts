import { result } from "../../data/results.ts";
import { axisLabel, feature, toDisplay } from "../../site/features.ts";
import { dec, int } from "../../site/format.ts";
import { decColumn, intColumn, numberFormat, sigColumn, textColumn } from "../columns.ts";
import { horizontalBars } from "../kinds/bars.ts";
import { dotRange } from "../kinds/dot-range.ts";
import type { DataTable, FigureSpec } from "../types.ts";

/** Figures of the exploratory chapter about genres and the seed's super-genres. */

export function genreMeansId(column: string): string {
  return `genre-means-${column.replaceAll("_", "-")}`;
}

/** Super-genre names in the order the seed's dictionary lists them. */
function superGenreOrder(): string[] {
  return result("super-genres").map.map((group) => group.superGenre);
}

function genreMeansFigure(column: string): FigureSpec {
  // The query gives every genre's mean of every feature; this figure is one of its columns, sorted.
  const { genres, sql } = result("genre-means");
  const sorted = [...genres].sort((a, b) => (b.means[column] ?? 0) - (a.means[column] ?? 0));
  const label = feature(column).label;
  const highest = sorted.slice(0, 3).map((g) => g.genre);
  const lowest = sorted.slice(-3).map((g) => g.genre);
  return {
    id: genreMeansId(column),
    title: `Mean ${label} of each genre`,
    query: sql,
    alt: `Bar chart of the mean ${label} of each of the ${genres.length} genres, sorted from highest to lowest and coloured by super-genre. Highest: ${highest.join(", ")}. Lowest: ${lowest.join(", ")}.`,
    render: () =>
      horizontalBars({
        bars: sorted.map((g) => ({
          label: g.genre,
          value: toDisplay(column, g.means[column] ?? 0),
          group: g.superGenre,
        })),
        groups: superGenreOrder(),
        valueLabel: `mean ${axisLabel(column)}`,
        width: 680,
        // Eleven of these share the page: 114 bars apiece as a rectangle and tooltip each would be 2,500 elements.
        mergeBars: true,
      }),
    data: {
      columns: [
        textColumn("genre", "genre"),
        textColumn("superGenre", "super-genre"),
        intColumn("rows", "tracks"),
        sigColumn("mean", `mean ${label}`),
      ],
      rows: sorted.map((g) => ({
        genre: g.genre,
        superGenre: g.superGenre,
        rows: g.rows,
        mean: g.means[column] ?? 0,
      })),
    },
  };
}

/**
 * Every genre's mean of every feature: the page table of the genre-means figures, shown once after them rather
 * than once in each of the eleven (1,700 elements instead of 6,400). Genres in alphabetical order, as the
 * figures' query returns them.
 */
export function genreMeansTable(): DataTable {
  const { genres, features } = result("genre-means");
  return {
    columns: [
      textColumn("genre", "genre"),
      textColumn("superGenre", "super-genre"),
      intColumn("rows", "tracks"),
      ...features.map((f) => sigColumn(f, `mean ${feature(f).label}`)),
    ],
    rows: genres.map((g) => ({
      genre: g.genre,
      superGenre: g.superGenre,
      rows: g.rows,
      ...Object.fromEntries(features.map((f) => [f, g.means[f] ?? null])),
    })),
  };
}

function superGenreSizesFigure(): FigureSpec {
  const { groups, sql } = result("super-genres");
  const order = superGenreOrder();
  const sorted = [...groups].sort((a, b) => b.rows - a.rows);
  return {
    id: "super-genre-sizes",
    title: "Tracks per super-genre",
    query: sql,
    queryNote:
      "Its last row is all tracks together; its means and standard deviations serve the comparison of the groups further down the page.",
    alt: `Bar chart of the number of cleaned tracks in each of the ${groups.length} super-genres: ${sorted.map((g) => `${g.superGenre} ${int(g.rows)}`).join(", ")}.`,
    render: () =>
      horizontalBars({
        bars: sorted.map((g) => ({ label: g.superGenre, value: g.rows, group: g.superGenre })),
        groups: order,
        valueLabel: "tracks",
        valueFormat: int,
      }),
    data: {
      columns: [
        textColumn("superGenre", "super-genre"),
        intColumn("genres", "genres"),
        intColumn("rows", "tracks"),
      ],
      rows: sorted.map((g) => ({ superGenre: g.superGenre, genres: g.genres.length, rows: g.rows })),
    },
  };
}

/**
 * Each super-genre's mean of each feature, in standard deviations from the feature's overall mean,
 * so that features measured in different units share one axis. The means and the overall mean and standard
 * deviation all come from the super-genres' one query (its last row is all tracks).
 */
function superGenreSpreadFigure(): FigureSpec {
  const superGenres = result("super-genres");
  const { means, std } = superGenres.overall;
  const values = superGenres.features.flatMap((column) => {
    const overallMean = means[column];
    const overallSd = std[column];
    if (overallMean === undefined || overallSd === undefined)
      throw new Error(`super-genres.json has no overall ${column}`);
    return superGenres.groups.map((g) => ({
      feature: column,
      superGenre: g.superGenre,
      mean: g.means[column] ?? 0,
      z: ((g.means[column] ?? 0) - overallMean) / overallSd,
    }));
  });
  const spread = superGenres.features
    .map((column) => {
      const zs = values.filter((v) => v.feature === column).map((v) => v.z);
      return { column, width: Math.max(...zs) - Math.min(...zs) };
    })
    .sort((a, b) => b.width - a.width);
  const rows = spread.map((s) => feature(s.column).label);
  const mean = sigColumn("mean", "group mean");
  const z = decColumn("z", "standard deviations from overall mean", 3);
  return {
    id: "super-genre-spread",
    title: "How far apart the super-genres sit on each feature",
    query: superGenres.sql,
    alt: `Dot plot: for each feature, the mean of each of the ${superGenres.groups.length} super-genres, measured in standard deviations from the mean of all tracks. Features are ordered by how far apart the groups sit; the widest are ${spread
      .slice(0, 3)
      .map((s) => `${feature(s.column).label} (${dec(s.width, 2)} standard deviations)`)
      .join(
        ", ",
      )}; the narrowest is ${feature(spread.at(-1)?.column ?? "").label} (${dec(spread.at(-1)?.width ?? 0, 2)}).`,
    render: () =>
      dotRange({
        rows,
        groups: superGenreOrder(),
        values: values.map((v) => ({
          row: feature(v.feature).label,
          group: v.superGenre,
          value: v.z,
          note: `group mean, ${axisLabel(v.feature)}: ${numberFormat(mean)(toDisplay(v.feature, v.mean))}`,
        })),
        valueLabel: "group mean, in standard deviations from the mean of all tracks",
        tipFormat: numberFormat(z),
      }),
    data: {
      columns: [textColumn("feature", "feature"), textColumn("superGenre", "super-genre"), mean, z],
      rows: values,
    },
    // A feature per row and a super-genre per column: the 110 values in a fifth of the elements of one per row.
    table: {
      columns: [
        textColumn("feature", "feature"),
        ...superGenres.groups.map((g) => decColumn(g.superGenre, g.superGenre, 3)),
      ],
      rows: superGenres.features.map((column) => ({
        feature: column,
        ...Object.fromEntries(values.filter((v) => v.feature === column).map((v) => [v.superGenre, v.z])),
      })),
    },
    tableNote:
      "The table gives each super-genre's mean in standard deviations from the mean of all tracks; the means themselves are in the table of super-genre means above, and the downloads hold both.",
    queryNote:
      "It gives each super-genre's means and, in its last row, the mean and standard deviation (the columns ending in _sd) of all tracks: each number in the table is a super-genre's mean of a feature less the mean of all tracks, divided by their standard deviation.",
  };
}

export function figures(): FigureSpec[] {
  const { features } = result("genre-means");
  return [...features.map(genreMeansFigure), superGenreSizesFigure(), superGenreSpreadFigure()];
}
