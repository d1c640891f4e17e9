export { ChecksumMismatchError, sha256File, verifySha256 } from "./checksum.ts";
export {
  type DownloadOptions,
  type DownloadProgress,
  DownloadStalledError,
  downloadVerified,
} from "./download.ts";
export {
  type DatasetSource,
  datasetCandidates,
  defaultRepoRoot,
  ENV_VAR,
  type LocatedDataset,
  type LocateOptions,
  locateDataset,
  UNPINNED_ENV_VAR,
} from "./locate.ts";
export { type DatasetLock, type DatasetProvenance, readDatasetLock } from "./lock.ts";
export { downloadProgressLogger } from "./progress.ts";
