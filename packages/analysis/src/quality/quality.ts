import type { DuckDBConnection } from "@duckdb/node-api";
import { DATASET_COLUMNS } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";
import type { QualityResult } from "../results/schemas.ts";

const EXAMPLES = 5;
/** Every column except the running index: two rows equal on these are the same record written twice. */
const CONTENT_COLUMNS = DATASET_COLUMNS.filter((column) => column.name !== "row_index")
  .map((column) => sqlIdent(column.name))
  .join(", ");

async function trackIdsInSeveralGenres(db: DuckDBConnection, table: string) {
  await db.run(`
    CREATE OR REPLACE TEMP TABLE genres_per_track AS
    SELECT track_id, count(DISTINCT track_genre)::INTEGER AS genres, count(*)::INTEGER AS rows,
           list(DISTINCT track_genre ORDER BY track_genre) AS genre_list, min(row_index) AS first_row
    FROM ${table} GROUP BY track_id`);
  const [totals] = await queryRows<{ distinct_ids: number; ids: number; rows: number }>(
    db,
    `SELECT count(*)::INTEGER AS distinct_ids,
            count(*) FILTER (WHERE genres > 1)::INTEGER AS ids,
            coalesce(sum(rows) FILTER (WHERE genres > 1), 0)::INTEGER AS rows
     FROM genres_per_track`,
  );
  const byGenreCount = await queryRows<{ genres: number; trackIds: number }>(
    db,
    `SELECT genres, count(*)::INTEGER AS "trackIds" FROM genres_per_track GROUP BY genres ORDER BY genres`,
  );
  const examples = await queryRows<{ track_id: string; track_name: string | null; genres: string[] }>(
    db,
    `SELECT g.track_id, t.track_name, g.genre_list AS genres
     FROM genres_per_track g JOIN ${table} t ON t.row_index = g.first_row
     WHERE g.genres > 1 ORDER BY g.genres DESC, g.first_row LIMIT ${EXAMPLES}`,
  );
  await db.run("DROP TABLE genres_per_track");
  return {
    distinctTrackIds: totals?.distinct_ids ?? 0,
    trackIds: totals?.ids ?? 0,
    rows: totals?.rows ?? 0,
    byGenreCount,
    examples: examples.map((row) => ({ ...row, genres: [...row.genres] })),
  };
}

async function exactDuplicateRows(db: DuckDBConnection, table: string) {
  const [totals] = await queryRows<{ extra: number; repeated: number }>(
    db,
    `SELECT coalesce(sum(copies - 1), 0)::INTEGER AS extra, count(*)::INTEGER AS repeated
     FROM (SELECT count(*) AS copies FROM ${table} GROUP BY ${CONTENT_COLUMNS}) WHERE copies > 1`,
  );
  const examples = await queryRows<Record<string, string | number | boolean | null>>(
    db,
    `SELECT list(row_index ORDER BY row_index)::VARCHAR AS row_indexes, any_value(track_id) AS track_id,
            any_value(track_name) AS track_name, any_value(track_genre) AS track_genre, count(*)::INTEGER AS copies
     FROM ${table} GROUP BY ${CONTENT_COLUMNS} HAVING count(*) > 1 ORDER BY min(row_index) LIMIT ${EXAMPLES}`,
  );
  return { extraCopies: totals?.extra ?? 0, repeatedRows: totals?.repeated ?? 0, examples };
}

async function genreCounts(db: DuckDBConnection, table: string, rawTable: string) {
  return queryRows<{ genre: string; rows: number; removed: number }>(
    db,
    `SELECT r.track_genre AS genre, coalesce(t.n, 0)::INTEGER AS rows, (r.n - coalesce(t.n, 0))::INTEGER AS removed
     FROM (SELECT track_genre, count(*) AS n FROM ${rawTable} GROUP BY ALL) r
     LEFT JOIN (SELECT track_genre, count(*) AS n FROM ${table} GROUP BY ALL) t USING (track_genre)
     ORDER BY r.track_genre`,
  );
}

/** Facts about the data the seed did not look at: repeated tracks across genres, duplicate rows, genre sizes. */
export async function dataQuality(
  db: DuckDBConnection,
  table: string,
  rawTable: string,
  label: "raw" | "cleaned",
): Promise<QualityResult> {
  return {
    trackIdsInSeveralGenres: await trackIdsInSeveralGenres(db, table),
    exactDuplicateRows: await exactDuplicateRows(db, table),
    genreCounts: await genreCounts(db, table, rawTable),
    table: label,
  };
}
