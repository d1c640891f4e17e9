/**
 * How the report's in-browser DuckDB sees the cleaned table, which it receives as two database files
 * (written by duckdb-file.ts):
 *
 * - the first file (`tracks.duckdb`, the catalog `core`: attached in Node, the read-only main database in
 *   the browser) holds every row with every column except the two IDs, plus what tells tracks apart
 *   (TRACK_KEY_SQL). It is what the first queries need (the console's examples, the genre explorer), and
 *   is under 5 MB gzipped;
 * - the second file (`track-ids.duckdb`, attached as `ids`) maps each track's key to its `track_id` and
 *   recording (OTHER_RECORDING_ID). The IDs are 22 random characters each, incompressible: 89,566 of them weigh as much
 *   as half of everything else, so the page loads them after its first answer.
 *
 * Readers query the view `tracks`, which has exactly the cleaned Parquet's columns and rows. Before the
 * second file is attached, the view's two ID columns raise TRACK_IDS_PENDING when evaluated (columns a
 * query does not read are never evaluated), so a query either does not need the IDs or fails with that
 * message, and the page attaches the IDs and runs it again (see the site's widgets/duckdb/client.ts).
 *
 * This module is plain text, with no Node imports: the browser client builds its views from it.
 */
import { DATASET_COLUMNS } from "../columns.ts";

/** The catalog the first file is attached as, and its table (named apart from the view, so `tracks` is one table). */
export const CORE_CATALOG = "core";
export const CORE_TABLE = "track_rows";
/** The catalog the second file is attached as, and its table. */
export const IDS_CATALOG = "ids";
export const IDS_TABLE = "track_ids";
/**
 * The first file's column that tells a track's rows apart from others': on a track's first row NULL, on
 * its later rows (the same track under other genres) the first row's `rowid`. A 17-bit key on every row
 * cost 0.185 MB gzipped; this costs 0.08 MB, as only a fifth of the rows repeat a track.
 */
export const TRACK_FIRST_ROW = "track_first_row";
/** A track's key in the first file (the `rowid` of its first row), as an SQL expression over its columns. */
export const TRACK_KEY_SQL = `coalesce(${TRACK_FIRST_ROW}, rowid)`;
/** The second file's key column: TRACK_KEY_SQL's value for the track. */
export const TRACK_KEY = "track_key";
/**
 * The second file's recording column: the recording's ID where it is another track's (the smallest ID
 * sharing the audio), NULL where it is the track's own, as for most tracks (so it takes almost nothing).
 */
export const OTHER_RECORDING_ID = "other_recording_id";
/** The columns only the second file holds (RECORDING_ID_COLUMN is `recording_id`). */
export const ID_COLUMNS = ["track_id", "recording_id"] as const;
/** The view readers and widgets query. */
export const TRACKS_VIEW = "tracks";

/**
 * The view's columns, in the cleaned Parquet's order (output/parquet.ts's PARQUET_COLUMNS; a test
 * checks they agree): the dataset's columns less its index, then the super-genre and the recording.
 */
export const TRACKS_VIEW_COLUMNS: readonly string[] = [
  ...DATASET_COLUMNS.filter((column) => column.name !== "row_index").map((column) => column.name),
  "super_genre",
  "recording_id",
];

/** The first file's columns: the view's less the IDs, then TRACK_FIRST_ROW. */
export const CORE_COLUMNS: readonly string[] = [
  ...TRACKS_VIEW_COLUMNS.filter((column) => !(ID_COLUMNS as readonly string[]).includes(column)),
  TRACK_FIRST_ROW,
];

/** The error an ID column raises while the second file is not attached; the client looks for it. */
export const TRACK_IDS_PENDING = "track IDs not loaded yet";

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const isId = (column: string) => (ID_COLUMNS as readonly string[]).includes(column);

/**
 * The statement that (re)defines the `tracks` view over the first file alone (`ids: false`), or over both
 * (`ids: true`). The join keeps the first file's row order where DuckDB runs single-threaded, as in the
 * browser: the smaller IDs table is hashed and the rows stream through in file order.
 *
 * The view is TEMP, so each connection has its own: what a reader does to `tracks` from the SQL console's
 * connection (drop it, replace it) cannot change what the widgets' connection reads.
 */
export function tracksViewSql({ ids }: { ids: boolean }): string {
  const select = TRACKS_VIEW_COLUMNS.map((column) => {
    if (!isId(column)) return `c.${ident(column)}`;
    if (!ids) return `error('${TRACK_IDS_PENDING}')::VARCHAR AS ${ident(column)}`;
    if (column === "track_id") return `i.${ident(column)}`;
    return `coalesce(i.${ident(OTHER_RECORDING_ID)}, i.track_id) AS ${ident(column)}`;
  }).join(", ");
  const from = ids
    ? `${ident(CORE_CATALOG)}.${ident(CORE_TABLE)} AS c JOIN ${ident(IDS_CATALOG)}.${ident(IDS_TABLE)} AS i ` +
      `ON i.${ident(TRACK_KEY)} = coalesce(c.${ident(TRACK_FIRST_ROW)}, c.rowid)`
    : `${ident(CORE_CATALOG)}.${ident(CORE_TABLE)} AS c`;
  return `CREATE OR REPLACE TEMP VIEW ${ident(TRACKS_VIEW)} AS SELECT ${select} FROM ${from}`;
}
