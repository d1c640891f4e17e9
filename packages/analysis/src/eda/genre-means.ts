import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import type { GenreMeansResult } from "../results/schemas.ts";
import { groupMeans } from "./group-means.ts";

/** Per-genre means of the numeric features for all 114 genres (the seed's cell [76]). */
export async function genreMeans(
  db: DuckDBConnection,
  table: string,
  superGenreOf: Map<string, string>,
): Promise<GenreMeansResult> {
  const { sql, groups } = await groupMeans(db, table, "track_genre");
  return {
    sql,
    features: [...NUMERIC_FEATURES],
    genres: groups.map(({ group, rows, means }) => {
      const superGenre = superGenreOf.get(group);
      if (superGenre === undefined) throw new Error(`genre ${group} has no super-genre in the seed's map`);
      return { genre: group, superGenre, rows, means };
    }),
  };
}
