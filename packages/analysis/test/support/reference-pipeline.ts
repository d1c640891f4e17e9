import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { SEED_SUPER_GENRES } from "../../src/super-genres.ts";
import { mean } from "./reference.ts";

/**
 * An independent re-implementation of the cleaning and group statistics in plain JS over csv-parse's
 * records, to check the DuckDB pipeline on the real dataset. Its own correctness is checked against
 * the numbers the seed notebook printed, by applying the filters the seed's code actually ran.
 */
export interface RefRow {
  index: number;
  track_id: string;
  artists: string;
  album_name: string;
  track_name: string;
  genre: string;
  values: Record<string, number>;
  explicit: boolean;
  line: string;
}

const NUMERIC = [
  "popularity",
  "duration_ms",
  "danceability",
  "energy",
  "key",
  "loudness",
  "mode",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
  "time_signature",
];

export function readReferenceRows(path: string): RefRow[] {
  const records = parse(readFileSync(path), { from_line: 2 }) as string[][];
  return records.map((r) => {
    const values: Record<string, number> = {};
    NUMERIC.forEach((name, i) => {
      // Columns: index, track_id, artists, album_name, track_name, popularity (5), duration_ms, explicit (7), danceability (8)…
      const position = i < 2 ? 5 + i : 6 + i;
      values[name] = Number(r[position]);
    });
    return {
      index: Number(r[0]),
      track_id: r[1] as string,
      artists: r[2] as string,
      album_name: r[3] as string,
      track_name: r[4] as string,
      explicit: r[7] === "True",
      genre: r[20] as string,
      values,
      line: r.slice(1).join("\u0001"),
    };
  });
}

export const noNames = (r: RefRow) => r.artists === "" || r.album_name === "" || r.track_name === "";
export const tooShort = (r: RefRow) => (r.values.duration_ms as number) < 30_000;
export const zeroTempoOrSignature = (r: RefRow) => r.values.tempo === 0 || r.values.time_signature === 0;
export const zeroTempo = (r: RefRow) => r.values.tempo === 0;

export function superGenreMap(): Map<string, string> {
  return new Map(
    SEED_SUPER_GENRES.flatMap(({ superGenre, genres }) => genres.map((g) => [g, superGenre] as const)),
  );
}

export function countBy<T>(rows: T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

export function groupMean(
  rows: RefRow[],
  key: (row: RefRow) => string,
  feature: string,
): Map<string, number> {
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row.values[feature] as number);
    groups.set(key(row), list);
  }
  return new Map([...groups].map(([k, v]) => [k, mean(v)]));
}
