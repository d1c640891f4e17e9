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

export interface GroupMeansQuery {
  /** The SQL exactly as it ran: results carry it, and the report offers it to readers to rerun. */
  sql: string;
  groups: GroupMeans[];
}

/**
 * The query behind group means, written to be read: plain column names (all known identifiers), one
 * measure per line, and the group column under its own name, so that it reads the same in the report's
 * SQL console, where the cleaned table is also called `tracks`.
 */
export function groupMeansSql(table: string, groupColumn: string, countGenres = false): string {
  const measures = [
    "count(*)::INTEGER AS tracks",
    ...(countGenres ? ["count(DISTINCT track_genre)::INTEGER AS genres"] : []),
    ...NUMERIC_FEATURES.map((f) => `avg(${f}::DOUBLE) AS ${f}`),
  ];
  return [
    `SELECT ${groupColumn},`,
    measures.map((m) => `       ${m}`).join(",\n"),
    `FROM ${table}`,
    "GROUP BY ALL",
    `ORDER BY ${groupColumn};`,
  ].join("\n");
}

/** Mean of every numeric feature per value of `groupColumn`, groups in alphabetical order. */
export async function groupMeans(
  db: DuckDBConnection,
  table: string,
  groupColumn: "track_genre" | "super_genre",
  countGenres = false,
): Promise<GroupMeansQuery> {
  const sql = groupMeansSql(table, groupColumn, countGenres);
  const rows = await queryRows<Record<string, number | string>>(db, sql);
  return {
    sql,
    groups: rows.map((row) => ({
      group: row[groupColumn] as string,
      rows: row.tracks as number,
      ...(countGenres ? { genres: row.genres as number } : {}),
      means: Object.fromEntries(NUMERIC_FEATURES.map((f) => [f, row[f] as number])),
    })),
  };
}
