import type { RawEncoding } from "./target-encoder.ts";

/**
 * The combiner's evidence groups, by whether any of a row's artists and its album were counted: each group gets
 * its own expert weights, so the audio expert can carry a row whose artist is new and give way where the
 * artist is known.
 */
export const EVIDENCE_GROUPS = [
  "neither counted",
  "artist counted",
  "album counted",
  "artist and album counted",
] as const;

/** Each row's evidence group (index into {@link EVIDENCE_GROUPS}). */
export function evidenceGroups(artist: RawEncoding, album: RawEncoding): Int32Array {
  if (artist.rows !== album.rows) throw new Error(`${artist.rows} artist rows, ${album.rows} album rows`);
  return Int32Array.from(
    { length: artist.rows },
    (_, r) => ((artist.evidence[r] as number) > 0 ? 1 : 0) + ((album.evidence[r] as number) > 0 ? 2 : 0),
  );
}
