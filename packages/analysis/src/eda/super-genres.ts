import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import { queryRows } from "../db.ts";
import type { SuperGenresResult } from "../results/schemas.ts";
import { SEED_SUPER_GENRES } from "../super-genres.ts";
import { groupMeans } from "./group-means.ts";

/**
 * The seed's 10 super-genres: group sizes and means (its cells [78]–[79]) and, per feature, how far
 * apart the group means are (cell [80]), naming the groups at each end; with the mean and standard deviation of
 * all tracks from the same query, which the report uses to put every feature's group means on one scale.
 * `table` must carry a `super_genre` column.
 */
export async function superGenres(db: DuckDBConnection, table: string): Promise<SuperGenresResult> {
  const present = new Set(
    (await queryRows<{ g: string }>(db, `SELECT DISTINCT track_genre AS g FROM ${table}`)).map((r) => r.g),
  );
  const query = await groupMeans(db, table, "super_genre", { countGenres: true, overall: true });
  if (!query.overall) throw new Error("super-genres: the query gave no row for all tracks");
  const groups = query.groups.map(({ group, rows, genres: counted, means }) => {
    const genres =
      SEED_SUPER_GENRES.find((entry) => entry.superGenre === group)?.genres.filter((g) => present.has(g)) ??
      [];
    // The query counts the genres it finds in each group; readers rerun it, so it must agree with the map.
    if (counted !== genres.length)
      throw new Error(
        `super-genre ${group}: the query counts ${counted} genres, the seed's map ${genres.length}`,
      );
    return { superGenre: group, genres, rows, means };
  });
  const ranges = NUMERIC_FEATURES.map((feature) => {
    let min = groups[0];
    let max = groups[0];
    for (const group of groups) {
      if ((group.means[feature] as number) < (min?.means[feature] as number)) min = group;
      if ((group.means[feature] as number) > (max?.means[feature] as number)) max = group;
    }
    if (!min || !max) throw new Error("no super-genre groups");
    const low = min.means[feature] as number;
    const high = max.means[feature] as number;
    return {
      feature,
      range: high - low,
      min: { superGenre: min.superGenre, mean: low },
      max: { superGenre: max.superGenre, mean: high },
    };
  });
  return {
    sql: query.sql,
    map: SEED_SUPER_GENRES.map(({ superGenre, genres }) => ({ superGenre, genres: [...genres] })),
    listedButAbsent: SEED_SUPER_GENRES.flatMap(({ genres }) => genres.filter((g) => !present.has(g))),
    features: [...NUMERIC_FEATURES],
    groups,
    overall: query.overall,
    ranges,
  };
}
