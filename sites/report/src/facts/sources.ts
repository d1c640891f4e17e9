import type { ManifestResult } from "@spotiflies/analysis/results";
import { result } from "../data/results.ts";

/** The report's own name, as the citation gives it. */
export const REPORT_TITLE = "Spotiflies Report: genre in 114,000 Spotify tracks";

/** The seed analysis the report grew from, as its own export names it (../shared/seed/README.md). */
export const SEED_ANALYSIS = {
  title: "CSM148 Spotiflies — Exploration, Grouping, and Prediction of Genre in Spotify Songs",
  date: "13 December 2024",
  tools: "Python, pandas, scikit-learn and PyTorch Lightning",
} as const;

export type DownloadFile = ManifestResult["downloads"][number];

/** The analysis's manifest: the dataset's identity and provenance, and the files for download. */
export function manifest(): ManifestResult {
  return result("manifest");
}

/** "20.1 MB", "412 kB": sizes as a reader reads them (decimal units, as browsers show downloads). */
export function sizeText(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} bytes`;
}

/**
 * The "cite this report" text: plain and BibTeX. The report names the exact dataset it was built from (revision
 * and sha256 for the pinned dataset; the sha256 alone, flagged, for a user's own version).
 */
export function citation(m: ManifestResult, buildYear: number) {
  const data = m.source
    ? `${m.source.title} by ${m.source.author} (Hugging Face revision ${m.source.revision.slice(0, 7)}, sha256 ${m.dataset.sha256})`
    : `an unverified version of the Spotify Tracks Dataset (sha256 ${m.dataset.sha256})`;
  const plain = `${REPORT_TITLE} (${buildYear}). Built from ${data}.`;
  const bibtex = [
    `@misc{spotiflies_report_${buildYear},`,
    `  title = {${REPORT_TITLE}},`,
    `  year = {${buildYear}},`,
    `  note = {Built from ${data}},`,
    "}",
  ].join("\n");
  return { plain, bibtex };
}
