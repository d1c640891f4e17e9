import { TRACK_NUMERIC_COLUMNS, type TrackTable } from "../../src/dataset/tracks.ts";
import type { TrackText } from "../../src/genre-model/track-text.ts";
import { Random } from "../../src/random.ts";
import { withSyntheticText } from "../genre-model/synthetic-text.ts";

const GENRES = [
  ["acoustic", "misc"],
  ["ambient", "misc"],
  ["pop", "pop"],
  ["k-pop", "pop"],
  ["metal", "metal"],
  ["black-metal", "metal"],
] as const;

/**
 * A small table shaped like the cleaned tracks: six genres in three super-genres whose features differ
 * in mean (so the models have something to learn), every 25th track listed again under a second genre, and
 * every tenth track a re-release (another track_id) of the track before it: one recording under two ids.
 */
export function syntheticTable(rowsPerGenre = 80, seed = 1): TrackTable & TrackText {
  const rng = new Random(seed);
  const genre: string[] = [];
  const superGenre: string[] = [];
  const trackId: string[] = [];
  const recordingId: string[] = [];
  const values: Record<string, number[]> = Object.fromEntries(TRACK_NUMERIC_COLUMNS.map((c) => [c, []]));
  const push = (c: string, v: number) => values[c]?.push(v);
  GENRES.forEach(([g, s], gi) => {
    for (let i = 0; i < rowsPerGenre; i++) {
      const id = i % 25 === 0 && gi > 0 ? `shared-${gi - 1}-${i}` : `t-${gi}-${i}`;
      genre.push(g);
      superGenre.push(s);
      trackId.push(id.startsWith("shared") ? `t-${gi - 1}-${i}` : id);
      recordingId.push(i % 10 === 7 ? `rec:t-${gi}-${i - 1}` : `rec:${trackId.at(-1)}`);
      const noise = () => rng.nextFloat() - 0.5;
      push("popularity", Math.round(20 + 10 * gi + 20 * noise()));
      push("duration_ms", Math.round(180_000 + 20_000 * gi + 60_000 * noise()));
      push("explicit", rng.nextFloat() < 0.1 ? 1 : 0);
      push("danceability", 0.3 + 0.08 * gi + 0.2 * noise());
      push("energy", 0.2 + 0.12 * gi + 0.1 * noise());
      push("key", rng.nextInt(12));
      push("loudness", -20 + 2.5 * gi + 3 * noise());
      push("mode", rng.nextInt(2));
      push("speechiness", 0.05 + 0.02 * gi + 0.02 * noise());
      push("acousticness", 0.9 - 0.15 * gi + 0.1 * noise());
      push("instrumentalness", 0.5 * rng.nextFloat());
      push("liveness", 0.1 + 0.3 * rng.nextFloat());
      push("valence", 0.2 + 0.1 * gi + 0.2 * noise());
      push("tempo", 90 + 8 * gi + 30 * noise());
      push("time_signature", 3 + rng.nextInt(3));
    }
  });
  const columns = Object.fromEntries(
    TRACK_NUMERIC_COLUMNS.map((c) => [c, Float64Array.from(values[c] ?? [])]),
  ) as TrackTable["columns"];
  // Artists and album names that carry genre as the real ones do, for the genre model's text experts.
  return withSyntheticText({ rows: genre.length, trackId, recordingId, genre, superGenre, columns }, seed);
}
