/** Example queries offered by the SQL console, each a question the report's chapters touch on. */
export interface ExampleQuery {
  id: string;
  label: string;
  sql: string;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    id: "super-genres",
    label: "Tracks per super-genre",
    sql: `SELECT super_genre,
       count(*) AS tracks,
       round(avg(popularity), 1) AS mean_popularity
FROM tracks
GROUP BY super_genre
ORDER BY tracks DESC;`,
  },
  {
    id: "popular-in-genre",
    label: "The most popular tracks of a genre",
    sql: `SELECT track_name, artists, album_name, popularity
FROM tracks
WHERE track_genre = 'jazz'
ORDER BY popularity DESC, track_name
LIMIT 20;`,
  },
  {
    id: "energy-loudness",
    label: "Correlation of energy and loudness, per super-genre",
    sql: `SELECT super_genre,
       round(corr(energy, loudness), 3) AS r,
       count(*) AS tracks
FROM tracks
GROUP BY super_genre
ORDER BY r DESC;`,
  },
  {
    id: "explicit-share",
    label: "Genres with the most explicit tracks",
    sql: `SELECT track_genre,
       round(100 * avg(explicit::INTEGER), 1) AS percent_explicit
FROM tracks
GROUP BY track_genre
ORDER BY percent_explicit DESC
LIMIT 15;`,
  },
  {
    id: "tempo-histogram",
    label: "Tempo in 10 BPM bins",
    sql: `SELECT floor(tempo / 10) * 10 AS tempo_from,
       count(*) AS tracks
FROM tracks
GROUP BY tempo_from
ORDER BY tempo_from;`,
  },
  {
    id: "all-tracks",
    label: "Every track (about 114,000 rows)",
    sql: "SELECT * FROM tracks;",
  },
];

export function exampleById(id: string): ExampleQuery {
  const example = EXAMPLE_QUERIES.find((candidate) => candidate.id === id);
  if (!example)
    throw new Error(`No example query "${id}"; known: ${EXAMPLE_QUERIES.map((e) => e.id).join(", ")}`);
  return example;
}
