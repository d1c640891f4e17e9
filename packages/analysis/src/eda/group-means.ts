import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import { queryRows } from "../db.ts";

export interface GroupMeans {
  group: string;
  rows: number;
  /** Distinct genres in the group, when asked for (`countGenres`). */
  genres?: number;
  means: Record<string, number>;
}

/** Every track together: its size, means and sample standard deviations (`overall`). */
export interface OverallStats {
  rows: number;
  means: Record<string, number>;
  std: Record<string, number>;
}

export interface GroupMeansQuery {
  /** The SQL exactly as it ran: results carry it, and the report offers it to readers to rerun. */
  sql: string;
  groups: GroupMeans[];
  overall?: OverallStats;
}

export interface GroupMeansOptions {
  /** Count the distinct genres in each group (column `genres`). */
  countGenres?: boolean;
  /**
   * Add a last row for all tracks together, named `ALL_TRACKS`, and each feature's sample standard deviation
   * (columns `<feature>_sd`), through GROUPING SETS: what it takes to measure a group's mean in standard
   * deviations from the mean of all tracks, so that a figure drawn that way comes from this one query too.
   */
  overall?: boolean;
}

/** The group name of the `overall` row. */
export const ALL_TRACKS = "all tracks";

/**
 * The query behind group means, written to be read: plain column names (all known identifiers), one
 * measure per line, and the group column under its own name, so that it reads the same in the report's
 * SQL console, where the cleaned table is also called `tracks`.
 */
export function groupMeansSql(table: string, groupColumn: string, options: GroupMeansOptions = {}): string {
  const measures = [
    "count(*)::INTEGER AS tracks",
    ...(options.countGenres ? ["count(DISTINCT track_genre)::INTEGER AS genres"] : []),
    ...NUMERIC_FEATURES.map((f) => `avg(${f}::DOUBLE) AS ${f}`),
    ...(options.overall ? NUMERIC_FEATURES.map((f) => `stddev_samp(${f}::DOUBLE) AS ${f}_sd`) : []),
  ];
  if (!options.overall)
    return [
      `SELECT ${groupColumn},`,
      measures.map((m) => `       ${m}`).join(",\n"),
      `FROM ${table}`,
      "GROUP BY ALL",
      `ORDER BY ${groupColumn};`,
    ].join("\n");
  return [
    `SELECT CASE WHEN GROUPING(${groupColumn}) = 1 THEN '${ALL_TRACKS}' ELSE ${groupColumn} END AS ${groupColumn},`,
    measures.map((m) => `       ${m}`).join(",\n"),
    `FROM ${table}`,
    `GROUP BY GROUPING SETS ((${groupColumn}), ())`,
    `ORDER BY GROUPING(${groupColumn}), ${groupColumn};`,
  ].join("\n");
}

/** Mean of every numeric feature per value of `groupColumn`, groups in alphabetical order. */
export async function groupMeans(
  db: DuckDBConnection,
  table: string,
  groupColumn: "track_genre" | "super_genre",
  options: GroupMeansOptions = {},
): Promise<GroupMeansQuery> {
  const sql = groupMeansSql(table, groupColumn, options);
  const rows = await queryRows<Record<string, number | string>>(db, sql);
  const byFeature = (row: Record<string, number | string>, suffix = "") =>
    Object.fromEntries(NUMERIC_FEATURES.map((f) => [f, row[`${f}${suffix}`] as number]));
  // With `overall`, the query's last row is all tracks together (GROUPING SETS' empty set, ordered last).
  const last = options.overall ? rows.pop() : undefined;
  if (options.overall && last?.[groupColumn] !== ALL_TRACKS)
    throw new Error(`group means of ${groupColumn}: the query's last row is not "${ALL_TRACKS}"`);
  return {
    sql,
    groups: rows.map((row) => ({
      group: row[groupColumn] as string,
      rows: row.tracks as number,
      ...(options.countGenres ? { genres: row.genres as number } : {}),
      means: byFeature(row),
    })),
    ...(last
      ? { overall: { rows: last.tracks as number, means: byFeature(last), std: byFeature(last, "_sd") } }
      : {}),
  };
}
