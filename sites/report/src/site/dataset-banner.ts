import type { ManifestResult } from "@spotiflies/analysis/results";

/**
 * The warning every page carries when the report was built from a dataset other than the pinned one (a user's
 * own version, accepted through SPOTIFY_TRACKS_SHA256): null for the pinned dataset.
 */
export function datasetBanner(manifest: Pick<ManifestResult, "dataset" | "rows">): string | null {
  if (manifest.dataset.pinned) return null;
  return (
    `Built from an unverified dataset: ${manifest.dataset.file}, sha256 ${manifest.dataset.sha256}, ` +
    `${manifest.rows.raw.toLocaleString("en-US")} rows. It is not the pinned Spotify Tracks Dataset this report ` +
    "was written for: the numbers are this file's, and sentences comparing them with the seed analysis may not hold."
  );
}
