import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { verifySha256 } from "./checksum.ts";
import { type DownloadProgress, downloadVerified } from "./download.ts";
import { type DatasetLock, type DatasetProvenance, readDatasetLock } from "./lock.ts";

/** Where the dataset was found, in lookup order. */
export type DatasetSource = "env" | "data" | "mirror" | "download";

export interface LocatedDataset {
  path: string;
  source: DatasetSource;
  sha256: string;
  bytes: number;
  /**
   * True for the pinned dataset (data/dataset.lock.json); false for a user's own version accepted through
   * `SPOTIFY_TRACKS_SHA256` (see {@link UNPINNED_ENV_VAR}), which every page then flags.
   */
  pinned: boolean;
  /** For the pinned dataset, where it comes from (the lock's provenance); absent for a user's own version. */
  provenance?: DatasetProvenance;
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
/**
 * Bring your own version of the dataset: with `SPOTIFY_TRACKS_CSV` naming a CSV with the same columns, set this to
 * that file's sha256 (the locator prints it when it refuses the file). The file is then verified against that
 * checksum instead of the pinned one. Because the checksum is an input of the analysis's build (turbo.json), a
 * changed file cannot replay results made from another.
 */
export const UNPINNED_ENV_VAR = "SPOTIFY_TRACKS_SHA256";
export const defaultRepoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The places the locator looks, in order; `data/raw/dataset.csv` is also where a download lands. */
export function datasetCandidates(repoRoot: string, file = "dataset.csv") {
  return {
    data: join(repoRoot, "data", "raw", file),
    mirror: resolve(repoRoot, "..", "shared", "data", "spotify-tracks", file),
  };
}

/** How to build from a file that is not the pinned dataset, for the checksum error. */
function unpinnedHint(fromEnv: string) {
  return (actual: string) =>
    `The file is not the pinned Spotify tracks dataset: point ${ENV_VAR} at it, or unset ${ENV_VAR} to let the ` +
    `locator find or fetch a verified copy. If ${fromEnv} is a newer or different export of the dataset (same columns) and you want the report built ` +
    `from it, set ${UNPINNED_ENV_VAR}=${actual} as well; every page will then say it was built from an unverified dataset.`;
}

/**
 * Throws a plain explanation when `path` exists but is not a regular file (a folder, a device…), rather than
 * the bare EISDIR the checksum's read would give; for a folder holding the dataset's file, names that file.
 */
function requireFile(path: string, subject: (kind: string) => string, fileName: string): void {
  const info = statSync(path);
  if (info.isFile()) return;
  const kind = info.isDirectory() ? "a folder" : "not a regular file";
  const inside = join(path, fileName);
  const hint = info.isDirectory() && existsSync(inside) ? ` Did you mean ${inside}?` : "";
  throw new Error(`${subject(kind)}: it must be the dataset's CSV file (${fileName}).${hint}`);
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
    pinned: true,
    ...(lock.provenance ? { provenance: lock.provenance } : {}),
  });

  const fromEnv = env[ENV_VAR];
  const unpinned = env[UNPINNED_ENV_VAR];
  if (unpinned !== undefined && unpinned !== "") {
    if (!/^[0-9a-fA-F]{64}$/.test(unpinned))
      throw new Error(
        `${UNPINNED_ENV_VAR} must be a file's sha256 (64 hex digits), not ${JSON.stringify(unpinned)}.`,
      );
    if (fromEnv === undefined || fromEnv === "")
      throw new Error(`${UNPINNED_ENV_VAR} is set: set ${ENV_VAR} to the CSV file it is the checksum of.`);
    const path = resolve(fromEnv);
    if (!existsSync(path)) throw new Error(`${ENV_VAR} is set to ${fromEnv}, but no file exists there.`);
    requireFile(path, (kind) => `${ENV_VAR} is set to ${fromEnv}, which is ${kind}`, lock.file);
    const sha256 = unpinned.toLowerCase();
    await verifySha256(path, sha256);
    const pinned = sha256 === lock.sha256.toLowerCase();
    log(
      pinned
        ? `dataset: ${path} (from ${ENV_VAR}, sha256 verified: the pinned dataset)`
        : `dataset: ${path} (from ${ENV_VAR}, sha256 ${sha256} as ${UNPINNED_ENV_VAR} states: NOT the pinned ` +
            "dataset; every page will say so)",
    );
    return {
      path,
      source: "env",
      sha256,
      bytes: statSync(path).size,
      pinned,
      ...(pinned && lock.provenance ? { provenance: lock.provenance } : {}),
    };
  }
  if (fromEnv !== undefined && fromEnv !== "") {
    const path = resolve(fromEnv);
    if (!existsSync(path)) throw new Error(`${ENV_VAR} is set to ${fromEnv}, but no file exists there.`);
    requireFile(path, (kind) => `${ENV_VAR} is set to ${fromEnv}, which is ${kind}`, lock.file);
    await verifySha256(path, lock.sha256, unpinnedHint(fromEnv));
    log(`dataset: ${path} (from ${ENV_VAR}, sha256 verified)`);
    return found(path, "env");
  }
  for (const source of ["data", "mirror"] as const) {
    const path = candidates[source];
    if (!existsSync(path)) continue;
    requireFile(path, (kind) => `${path} is ${kind}`, lock.file);
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
