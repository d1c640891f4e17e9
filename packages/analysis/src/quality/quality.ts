import type { DuckDBConnection } from "@duckdb/node-api";
import { DATASET_COLUMNS } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";
import type { QualityResult } from "../results/schemas.ts";

const EXAMPLES = 5;
/** Every column except the running index: two rows equal on these are the same record written twice. */
const CONTENT_COLUMNS = DATASET_COLUMNS.filter((column) => column.name !== "row_index")
  .map((column) => sqlIdent(column.name))
  .join(", ");
/** Joins a repeated record `r` to its rows `t`: equal on every content column, NULL matching NULL as GROUP BY does. */
const CONTENT_MATCH = DATASET_COLUMNS.filter((column) => column.name !== "row_index")
  .map((column) => `t.${sqlIdent(column.name)} IS NOT DISTINCT FROM r.${sqlIdent(column.name)}`)
  .join(" AND ");

async function trackIdsInSeveralGenres(db: DuckDBConnection, table: string) {
  // Grouped by (track_id, genre) first, so each track_id's genres are counted from a handful of rows
  // rather than by a DISTINCT over all its rows; the genre lists are built only for the examples shown.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE genres_per_track AS
    SELECT track_id, count(track_genre)::INTEGER AS genres, sum(rows)::INTEGER AS rows, min(first_row) AS first_row
    FROM (SELECT track_id, track_genre, count(*) AS rows, min(row_index) AS first_row
          FROM ${table} GROUP BY track_id, track_genre)
    GROUP BY track_id`);
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
    `SELECT g.track_id, first_row.track_name, list(DISTINCT t.track_genre ORDER BY t.track_genre) AS genres
     FROM (SELECT * FROM genres_per_track WHERE genres > 1 ORDER BY genres DESC, first_row LIMIT ${EXAMPLES}) g
     JOIN ${table} first_row ON first_row.row_index = g.first_row
     JOIN ${table} t ON t.track_id IS NOT DISTINCT FROM g.track_id
     GROUP BY g.track_id, g.genres, g.first_row, first_row.track_name
     ORDER BY g.genres DESC, g.first_row`,
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
  // Two rows with the same content have the same hash of it, so only rows whose hash repeats can be copies:
  // a grouping over one integer finds them (a few hundred rows, plus any whose hashes merely collide), and the
  // exact grouping over every content column then runs on those alone. Grouping every row by its twenty
  // columns at once took 6 s of the 10× build, and spilled. The examples' row indexes are collected for the
  // first few repeated records only, from the same few rows.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE duplicate_candidates AS
    SELECT row_index, ${CONTENT_COLUMNS} FROM ${table}
    WHERE hash(${CONTENT_COLUMNS}) IN
          (SELECT hash(${CONTENT_COLUMNS}) AS h FROM ${table} GROUP BY h HAVING count(*) > 1)`);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE repeated_records AS
    SELECT ${CONTENT_COLUMNS}, count(*) AS copies, min(row_index) AS first_row
    FROM duplicate_candidates GROUP BY ${CONTENT_COLUMNS} HAVING count(*) > 1`);
  const [totals] = await queryRows<{ extra: number; repeated: number }>(
    db,
    `SELECT coalesce(sum(copies - 1), 0)::INTEGER AS extra, count(*)::INTEGER AS repeated FROM repeated_records`,
  );
  const examples = await queryRows<Record<string, string | number | boolean | null>>(
    db,
    `SELECT list(t.row_index ORDER BY t.row_index)::VARCHAR AS row_indexes, any_value(r.track_id) AS track_id,
            any_value(r.track_name) AS track_name, any_value(r.track_genre) AS track_genre,
            any_value(r.copies)::INTEGER AS copies
     FROM (SELECT * FROM repeated_records ORDER BY first_row LIMIT ${EXAMPLES}) r
     JOIN duplicate_candidates t ON ${CONTENT_MATCH}
     GROUP BY r.first_row ORDER BY r.first_row`,
  );
  await db.run("DROP TABLE repeated_records; DROP TABLE duplicate_candidates");
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
