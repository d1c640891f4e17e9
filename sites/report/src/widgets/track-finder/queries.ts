import { NUMERIC_FEATURES, type NumericFeature, type TrackNumericColumn } from "@spotiflies/analysis/columns";
import { num, type ResultLike, records, str } from "../ui/records.ts";

/**
 * The track finder's SQL. What the reader types reaches DuckDB only as a bound parameter, and it is matched
 * as plain text with `contains(lower(column), lower(?))`: no pattern language, so "100%" or "_" mean
 * themselves. (Measured in DuckDB 1.4, one thread, 114k rows: 51–54 ms for the three columns, against
 * 105–110 ms for `ILIKE ? ESCAPE '\\'` with the wildcards escaped; both lower-case the same way.)
 */

export interface Query {
  sql: string;
  params: (string | number)[];
}

/** The features a hit shows, in this order (all constant across a track's rows). */
export const TRACK_FEATURES = [
  "danceability",
  "energy",
  "valence",
  "acousticness",
  "instrumentalness",
  "speechiness",
  "liveness",
  "loudness",
  "tempo",
  "duration_ms",
  "key",
  "mode",
  "time_signature",
  "explicit",
] as const satisfies readonly TrackNumericColumn[];
export type TrackFeature = (typeof TRACK_FEATURES)[number];

/**
 * The features nearest neighbours are measured over: the continuous audio measurements, i.e. the
 * analysis's numeric features less popularity and duration, which describe the release rather than the
 * sound. Key, mode and time signature are categories (key 11 is not "far" from key 0), so they are out too.
 */
export type NeighbourFeature = Exclude<NumericFeature, "popularity" | "duration_ms">;
export const NEIGHBOUR_FEATURES: readonly NeighbourFeature[] = NUMERIC_FEATURES.filter(
  (feature): feature is NeighbourFeature => feature !== "popularity" && feature !== "duration_ms",
);

export const NEIGHBOURS = 10;
/** Searches start at this many characters: one letter matches most of the 89,000 tracks. */
export const MIN_SEARCH_LENGTH = 2;
/**
 * Longest search run: well above the longest track, artist or album name in the table (a test checks), far
 * below the hundreds of thousands of characters that exhaust DuckDB-WASM's memory and break every widget.
 */
export const MAX_SEARCH_LENGTH = 1000;

/** Why a search text cannot run, for the reader; null when it can. */
export function searchProblem(text: string): string | null {
  const needle = text.trim();
  if (needle.length < MIN_SEARCH_LENGTH)
    return `Type at least ${MIN_SEARCH_LENGTH} characters of a track, artist or album name.`;
  if (needle.length > MAX_SEARCH_LENGTH)
    return (
      `A search is at most ${MAX_SEARCH_LENGTH.toLocaleString("en-US")} characters (this one has ` +
      `${needle.length.toLocaleString("en-US")}); no track, artist or album name is that long.`
    );
  return null;
}

function checkedCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${what} must be a whole number ≥ 0.`);
  return value;
}

/** One row per track: its names, every genre it is listed under, and its features. */
const TRACK_COLUMNS = `track_id,
       any_value(track_name) AS track_name,
       any_value(artists) AS artists,
       any_value(album_name) AS album_name,
       string_agg(DISTINCT track_genre, ',' ORDER BY track_genre) AS genres,
       string_agg(DISTINCT super_genre, ',' ORDER BY super_genre) AS super_genres,
       min(popularity) AS popularity_min,
       max(popularity) AS popularity_max,
       ${TRACK_FEATURES.map((f) => `max(CAST(${f} AS DOUBLE)) AS ${f}`).join(",\n       ")}`;

/**
 * Tracks whose name, artists or album contain `text` (ignoring case and surrounding spaces), most popular first, one page at a
 * time; `total` on every row counts all matching tracks. The matches are ranked on a cheap aggregate first;
 * the genre lists, which are costly to build, are gathered for the page's tracks only.
 */
export function searchQuery(text: string, limit: number, offset = 0): Query {
  const needle = text.trim();
  const problem = searchProblem(needle);
  if (problem && needle.length > MAX_SEARCH_LENGTH) throw new RangeError(problem);
  const sql = `WITH matches AS (
  SELECT track_id, max(popularity) AS rank_popularity, any_value(track_name) AS rank_name
  FROM tracks
  WHERE contains(lower(track_name), lower(?)) OR contains(lower(artists), lower(?))
     OR contains(lower(album_name), lower(?))
  GROUP BY track_id
),
page AS (
  SELECT track_id, rank_popularity, rank_name, count(*) OVER () AS total
  FROM matches
  ORDER BY rank_popularity DESC, rank_name, track_id
  LIMIT ${checkedCount(limit, "limit")} OFFSET ${checkedCount(offset, "offset")}
)
SELECT ${TRACK_COLUMNS},
       any_value(page.total) AS total
FROM tracks JOIN page USING (track_id)
GROUP BY track_id
ORDER BY any_value(page.rank_popularity) DESC, any_value(page.rank_name), track_id`;
  return { sql, params: [needle, needle, needle] };
}

/** One track by its ID, in the same shape as a search hit. */
export function trackQuery(trackId: string): Query {
  return {
    sql: `SELECT ${TRACK_COLUMNS}, 1 AS total FROM tracks WHERE track_id = ? GROUP BY track_id`,
    params: [trackId],
  };
}

/**
 * The sample standard deviation of each neighbour feature over distinct tracks, queried once per page.
 * Standardising is (x − mean) / sd, but in a difference of two tracks the mean cancels, so only sd is needed.
 */
export function featureScaleQuery(): Query {
  const perTrack = NEIGHBOUR_FEATURES.map((f) => `max(${f}) AS ${f}`).join(", ");
  const sds = NEIGHBOUR_FEATURES.map((f) => `stddev_samp(${f}) AS ${f}`).join(", ");
  return { sql: `SELECT ${sds} FROM (SELECT ${perTrack} FROM tracks GROUP BY track_id)`, params: [] };
}

export type FeatureScales = Record<NeighbourFeature, number>;

export function parseFeatureScales(result: ResultLike): FeatureScales {
  const [row] = records(result, NEIGHBOUR_FEATURES);
  if (!row) throw new Error("The feature scale query returned no row.");
  const scales = {} as FeatureScales;
  for (const f of NEIGHBOUR_FEATURES) {
    const sd = num(row[f], f);
    if (!(sd > 0)) throw new Error(`${f} does not vary, so it cannot be standardised.`);
    scales[f] = sd;
  }
  return scales;
}

/**
 * The `NEIGHBOURS` tracks closest to `trackId` in standardised Euclidean distance over the neighbour
 * features. The same recording often appears under several IDs (a single and an album version); those
 * with the query's own name and artists are left out, and of the others each name-and-artists pair is
 * listed once, at its closest (ties go to the smaller ID). Distances are taken row by row — a track's rows
 * share their features — and the genre lists are gathered for the ten winners only.
 */
export function neighboursQuery(trackId: string, scales: FeatureScales): Query {
  const features = NEIGHBOUR_FEATURES.map((f) => `max(${f}) AS ${f}`).join(", ");
  const distance = NEIGHBOUR_FEATURES.map((f) => `((t.${f} - q.${f}) / ?) ** 2`).join(" + ");
  const sql = `WITH q AS (
  SELECT any_value(track_id) AS track_id, any_value(track_name) AS track_name, any_value(artists) AS artists,
         ${features}
  FROM tracks
  WHERE track_id = ?
),
d AS (
  SELECT t.track_id, t.track_name, t.artists, sqrt(${distance}) AS distance
  FROM tracks AS t, q
  WHERE t.track_id <> q.track_id AND NOT (t.track_name = q.track_name AND t.artists = q.artists)
),
nearest AS (
  SELECT arg_min(track_id, (distance, track_id)) AS track_id, track_name, artists, min(distance) AS distance
  FROM d
  GROUP BY track_name, artists
  ORDER BY distance, track_id
  LIMIT ${NEIGHBOURS}
)
SELECT n.track_id, any_value(n.track_name) AS track_name, any_value(n.artists) AS artists,
       any_value(n.distance) AS distance,
       string_agg(DISTINCT t.track_genre, ',' ORDER BY t.track_genre) AS genres
FROM nearest AS n JOIN tracks AS t USING (track_id)
GROUP BY n.track_id
ORDER BY distance, n.track_id`;
  return { sql, params: [trackId, ...NEIGHBOUR_FEATURES.map((f) => scales[f])] };
}

export interface TrackHit {
  trackId: string;
  trackName: string;
  artists: string;
  album: string;
  genres: string[];
  superGenres: string[];
  /** A track's rows can differ in popularity (one value per listing); both ends are kept. */
  popularity: { min: number; max: number };
  features: Record<TrackFeature, number>;
}

export interface SearchPage {
  hits: TrackHit[];
  /** Matching tracks in all, over every page. */
  total: number;
}

const HIT_COLUMNS = [
  "track_id",
  "track_name",
  "artists",
  "album_name",
  "genres",
  "super_genres",
  "popularity_min",
  "popularity_max",
  "total",
  ...TRACK_FEATURES,
] as const;

export function parseSearch(result: ResultLike): SearchPage {
  const rows = records(result, HIT_COLUMNS);
  const hits = rows.map((row) => {
    const features = {} as Record<TrackFeature, number>;
    for (const f of TRACK_FEATURES) features[f] = num(row[f], f);
    return {
      trackId: str(row.track_id, "track_id"),
      trackName: str(row.track_name, "track_name"),
      artists: str(row.artists, "artists"),
      album: str(row.album_name, "album_name"),
      genres: str(row.genres, "genres").split(","),
      superGenres: str(row.super_genres, "super_genres").split(","),
      popularity: {
        min: num(row.popularity_min, "popularity_min"),
        max: num(row.popularity_max, "popularity_max"),
      },
      features,
    };
  });
  return { hits, total: rows.length === 0 ? 0 : num(rows[0]?.total, "total") };
}

export interface Neighbour {
  trackId: string;
  trackName: string;
  artists: string;
  genres: string[];
  distance: number;
}

export function parseNeighbours(result: ResultLike): Neighbour[] {
  return records(result, ["track_id", "track_name", "artists", "genres", "distance"] as const).map((row) => ({
    trackId: str(row.track_id, "track_id"),
    trackName: str(row.track_name, "track_name"),
    artists: str(row.artists, "artists"),
    genres: str(row.genres, "genres").split(","),
    distance: num(row.distance, "distance"),
  }));
}
