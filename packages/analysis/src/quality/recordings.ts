import type { DuckDBConnection } from "@duckdb/node-api";
import { DESCRIBED_COLUMNS, type DescribedColumn } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";
import type { RecordingsResult } from "../results/schemas.ts";

/**
 * The audio columns that, with `artists`, identify a recording: every described column but popularity (which
 * changes with each release). Re-releases, compilations and a single versus its album carry the same audio
 * under another track_id.
 */
export const RECORDING_AUDIO_COLUMNS = DESCRIBED_COLUMNS.filter(
  (column): column is Exclude<DescribedColumn, "popularity"> => column !== "popularity",
);

/** The column the cleaned table gains: one value per recording, the smallest track_id among its rows. */
export const RECORDING_ID_COLUMN = "recording_id";

const EXAMPLES = 4;
/** Label propagation converges in a few rounds on this data; a bound keeps a pathological input from spinning. */
const MAX_ROUNDS = 100;

/**
 * Gives every row of `source` its recording: rows are the same recording when they share a track_id, or
 * share `artists` (not NULL) and every audio column; recordings are the connected components of that
 * relation. Creates the table `target` (by default replacing `source`): `source`'s rows in row_index order with
 * `recording_id` added. `source` may be a view, so that the pipeline's cleaned table is built once, here. Returns
 * the counts the report shows, with real examples of recordings listed under several track_ids.
 *
 * The components are found in SQL by label propagation (each row takes the smallest label among the rows
 * it is linked to, alternately through track_id and through the audio key, until nothing changes), so the
 * work stays inside DuckDB however many rows there are.
 */
export async function assignRecordings(
  db: DuckDBConnection,
  source: string,
  target = source,
): Promise<RecordingsResult> {
  const audio = RECORDING_AUDIO_COLUMNS.map(sqlIdent).join(", ");
  // Integer keys for the two links. Track keys are numbered in track_id order (a sort of the distinct IDs
  // only), so that a recording's smallest key is its smallest track_id's: the labels start as the track keys
  // and the recording's ID is read off its final label, with no window over every row. Audio keys are
  // numbered over the distinct (artists, audio) values in whatever order the hash aggregate gives: those
  // numbers only name the groups. A row with no artists links by track_id only (a unique negative key). The
  // loader refuses NULL track_ids and audio values, so the equality joins find every row's group.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE recording_track_keys AS
    SELECT track_id, (row_number() OVER (ORDER BY track_id))::INTEGER AS id_key
    FROM (SELECT DISTINCT track_id FROM ${source})`);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE recording_links AS
    WITH sounds AS (SELECT artists, ${audio}, row_number() OVER () AS audio_key
                    FROM (SELECT DISTINCT artists, ${audio} FROM ${source} WHERE artists IS NOT NULL))
    SELECT row_index, id_key, CASE WHEN artists IS NULL THEN -row_index - 1 ELSE audio_key END AS audio_key,
           id_key AS label
    FROM ${source} JOIN recording_track_keys USING (track_id) LEFT JOIN sounds USING (artists, ${audio})`);
  const [linked] = await queryRows<{ rows: number; unkeyed: number; expected: number }>(
    db,
    `SELECT count(*)::INTEGER AS rows, count(*) FILTER (WHERE audio_key IS NULL)::INTEGER AS unkeyed,
            (SELECT count(*) FROM ${source})::INTEGER AS expected
     FROM recording_links`,
  );
  if (!linked || linked.rows !== linked.expected || linked.unkeyed > 0)
    throw new Error(
      `recording keys: ${linked?.rows} of ${linked?.expected} rows keyed, ${linked?.unkeyed} without an audio key ` +
        "(a NULL track_id or audio value?)",
    );
  let rounds = 0;
  for (;;) {
    if (++rounds > MAX_ROUNDS)
      throw new Error(`recording components did not converge in ${MAX_ROUNDS} rounds`);
    // Each key's smallest label by hash aggregate, joined back: cheaper than windows, which sort every row.
    await db.run(`
      CREATE OR REPLACE TEMP TABLE recording_next AS
      SELECT l.row_index, l.id_key, l.audio_key, least(i.label, a.label) AS label
      FROM recording_links l
      JOIN (SELECT id_key, min(label) AS label FROM recording_links GROUP BY id_key) i USING (id_key)
      JOIN (SELECT audio_key, min(label) AS label FROM recording_links GROUP BY audio_key) a USING (audio_key)`);
    const [changed] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::INTEGER AS n FROM recording_next JOIN recording_links USING (row_index)
       WHERE recording_next.label <> recording_links.label`,
    );
    await db.run("DROP TABLE recording_links; ALTER TABLE recording_next RENAME TO recording_links");
    if ((changed?.n ?? 0) === 0) break;
  }
  // Each row's recording (the track_id of its label's key), in row_index order: two narrow columns sorted.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE recording_of_row AS
    SELECT l.row_index, k.track_id AS ${RECORDING_ID_COLUMN}
    FROM recording_links l JOIN recording_track_keys k ON k.id_key = l.label
    ORDER BY l.row_index`);
  // Replacing `source` in place goes through a table of another name, as `source` is read to build it.
  const built = target === source ? "recording_table" : target;
  await db.run(
    `CREATE OR REPLACE TABLE ${built} AS ${withRecordings(source, await inRowIndexOrder(db, source))}`,
  );
  if (built !== target) await db.run(`DROP TABLE ${source}; ALTER TABLE ${built} RENAME TO ${target}`);
  await db.run("DROP TABLE recording_links; DROP TABLE recording_of_row; DROP TABLE recording_track_keys");
  return { ...(await recordingCounts(db, target)), rounds };
}

/** Whether `source` is read in row_index order, row for row as `recording_of_row` lists it. */
async function inRowIndexOrder(db: DuckDBConnection, source: string): Promise<boolean> {
  const [misplaced] = await queryRows<{ n: number }>(
    db,
    `SELECT count(*)::INTEGER AS n FROM (SELECT row_index FROM ${source}) t
     POSITIONAL JOIN (SELECT row_index FROM recording_of_row) r WHERE t.row_index IS DISTINCT FROM r.row_index`,
  );
  return misplaced?.n === 0;
}

const ROW_ORDER_ERROR = "recordings: the rows were read in another order than checked";

/**
 * `source`'s rows in row_index order with their recording. The dataset's rows come in row_index order (its index
 * column counts them), and then each row meets its recording by position: sorting the whole table by row_index
 * again, every column with it, took more than half of this stage. A row meeting another row's recording stops
 * the build with an error rather than build a wrong table. A file whose index is out of order is sorted.
 */
function withRecordings(source: string, ordered: boolean): string {
  if (ordered)
    return `SELECT t.*, CASE WHEN t.row_index IS DISTINCT FROM r.row_index THEN error('${ROW_ORDER_ERROR}')
                        ELSE r.${RECORDING_ID_COLUMN} END AS ${RECORDING_ID_COLUMN}
            FROM ${source} t POSITIONAL JOIN recording_of_row r`;
  return `SELECT t.*, r.${RECORDING_ID_COLUMN} FROM ${source} t JOIN recording_of_row r USING (row_index)
          ORDER BY t.row_index`;
}

async function recordingCounts(
  db: DuckDBConnection,
  table: string,
): Promise<Omit<RecordingsResult, "rounds">> {
  const id = RECORDING_ID_COLUMN;
  await db.run(`
    CREATE OR REPLACE TEMP TABLE recording_sizes AS
    SELECT ${id}, sum(rows)::INTEGER AS rows, count(DISTINCT track_id)::INTEGER AS track_ids,
           count(DISTINCT track_genre)::INTEGER AS genres, min(first_row) AS first_row
    FROM (SELECT ${id}, track_id, track_genre, count(*) AS rows, min(row_index) AS first_row
          FROM ${table} GROUP BY ${id}, track_id, track_genre)
    GROUP BY ${id}`);
  const [totals] = await queryRows<{
    rows: number;
    track_ids: number;
    recordings: number;
    several: number;
    twin_rows: number;
  }>(
    db,
    `SELECT (SELECT count(*) FROM ${table})::INTEGER AS rows,
            -- A track_id's rows are one recording (they share it), so its recordings' counts add up to every ID.
            sum(track_ids)::INTEGER AS track_ids,
            count(*)::INTEGER AS recordings,
            count(*) FILTER (WHERE track_ids > 1)::INTEGER AS several,
            coalesce(sum(rows) FILTER (WHERE track_ids > 1), 0)::INTEGER AS twin_rows
     FROM recording_sizes`,
  );
  const byTrackIds = await queryRows<{ trackIds: number; recordings: number }>(
    db,
    `SELECT track_ids AS "trackIds", count(*)::INTEGER AS recordings
     FROM recording_sizes GROUP BY track_ids ORDER BY track_ids`,
  );
  // Examples: the recordings with the most track_ids, then the most genres; ties by their first row.
  const examples = await queryRows<{
    recording_id: string;
    artists: string | null;
    track_names: string[];
    track_ids: string[];
    albums: string[];
    genres: string[];
  }>(
    db,
    `SELECT s.${id} AS recording_id, any_value(t.artists ORDER BY t.row_index) AS artists,
            list(DISTINCT t.track_name ORDER BY t.track_name) AS track_names,
            list(DISTINCT t.track_id ORDER BY t.track_id) AS track_ids,
            list(DISTINCT t.album_name ORDER BY t.album_name) AS albums,
            list(DISTINCT t.track_genre ORDER BY t.track_genre) AS genres
     FROM (SELECT * FROM recording_sizes WHERE track_ids > 1
           ORDER BY track_ids DESC, genres DESC, first_row LIMIT ${EXAMPLES}) s
     JOIN ${table} t USING (${id})
     GROUP BY s.${id}, s.track_ids, s.genres, s.first_row
     ORDER BY s.track_ids DESC, s.genres DESC, s.first_row`,
  );
  await db.run("DROP TABLE recording_sizes");
  return {
    rows: totals?.rows ?? 0,
    trackIds: totals?.track_ids ?? 0,
    recordings: totals?.recordings ?? 0,
    recordingsWithSeveralTrackIds: totals?.several ?? 0,
    rowsWithTwinUnderAnotherId: totals?.twin_rows ?? 0,
    byTrackIds,
    examples: examples.map((row) => ({
      recordingId: row.recording_id,
      artists: row.artists,
      trackNames: [...row.track_names].filter((name): name is string => name !== null),
      trackIds: [...row.track_ids],
      albums: [...row.albums].filter((name): name is string => name !== null),
      genres: [...row.genres],
    })),
    audioColumns: [...RECORDING_AUDIO_COLUMNS],
  };
}
