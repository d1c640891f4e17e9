import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { verifySha256 } from "./checksum.ts";
import { type DownloadProgress, downloadVerified } from "./download.ts";
import { type DatasetLock, readDatasetLock } from "./lock.ts";

/** Where the dataset was found, in lookup order. */
export type DatasetSource = "env" | "data" | "mirror" | "download";

export interface LocatedDataset {
  path: string;
  source: DatasetSource;
  sha256: string;
  bytes: number;
}

export interface LocateOptions {
  /** Environment to read `SPOTIFY_TRACKS_CSV` from (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Repository root (default: the folder above this package). */
  repoRoot?: string;
  /** The pinned dataset identity (default: data/dataset.lock.json). */
  lock?: DatasetLock;
  /** Allow the last step, a download from the public source (default: true). */
  allowDownload?: boolean;
  fetch?: typeof globalThis.fetch;
  log?: (line: string) => void;
  onDownloadProgress?: (progress: DownloadProgress) => void;
}

export const ENV_VAR = "SPOTIFY_TRACKS_CSV";
export const defaultRepoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The places the locator looks, in order; `data/raw/dataset.csv` is also where a download lands. */
export function datasetCandidates(repoRoot: string, file = "dataset.csv") {
  return {
    data: join(repoRoot, "data", "raw", file),
    mirror: resolve(repoRoot, "..", "shared", "data", "spotify-tracks", file),
  };
}

/**
 * Finds the dataset: `$SPOTIFY_TRACKS_CSV`, then `data/raw/dataset.csv`, then the mirror folder
 * `../shared/data/spotify-tracks/`, and finally downloads it into `data/raw/`. Whatever is found is
 * verified against the pinned sha256; a mismatch is an error, never a silent fall-through to the
 * next candidate (a wrong file where the user put one is something they must hear about).
 */
export async function locateDataset(options: LocateOptions = {}): Promise<LocatedDataset> {
  const env = options.env ?? process.env;
  const repoRoot = options.repoRoot ?? defaultRepoRoot;
  const lock = options.lock ?? readDatasetLock();
  const log = options.log ?? (() => {});
  const candidates = datasetCandidates(repoRoot, lock.file);
  const found = (path: string, source: DatasetSource): LocatedDataset => ({
    path,
    source,
    sha256: lock.sha256,
    bytes: lock.bytes,
  });

  const fromEnv = env[ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== "") {
    const path = resolve(fromEnv);
    if (!existsSync(path)) throw new Error(`${ENV_VAR} is set to ${fromEnv}, but no file exists there.`);
    await verifySha256(path, lock.sha256);
    log(`dataset: ${path} (from ${ENV_VAR}, sha256 verified)`);
    return found(path, "env");
  }
  for (const source of ["data", "mirror"] as const) {
    const path = candidates[source];
    if (!existsSync(path)) continue;
    await verifySha256(path, lock.sha256);
    log(`dataset: ${path} (${source === "data" ? "data/raw" : "mirror folder"}, sha256 verified)`);
    return found(path, source);
  }
  if (options.allowDownload === false) {
    throw new Error(
      `The dataset was not found: set ${ENV_VAR}, or put ${lock.file} in ${candidates.data} ` +
        `or ${dirname(candidates.mirror)}; downloading was not allowed.`,
    );
  }
  log(`dataset: not found locally; downloading ${lock.url}`);
  await downloadVerified({
    url: lock.url,
    destination: candidates.data,
    sha256: lock.sha256,
    expectedBytes: lock.bytes,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
  }).catch((error: Error) => {
    throw new Error(
      `The dataset is not in $${ENV_VAR}, ${candidates.data} or ${dirname(candidates.mirror)}, ` +
        `and downloading it failed: ${error.message}`,
      { cause: error },
    );
  });
  log(`dataset: downloaded to ${candidates.data} (sha256 verified)`);
  return found(candidates.data, "download");
}
