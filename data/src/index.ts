export { ChecksumMismatchError, sha256File, verifySha256 } from "./checksum.ts";
export { type DownloadOptions, type DownloadProgress, downloadVerified } from "./download.ts";
export {
  type DatasetSource,
  datasetCandidates,
  defaultRepoRoot,
  ENV_VAR,
  type LocatedDataset,
  type LocateOptions,
  locateDataset,
} from "./locate.ts";
export { type DatasetLock, readDatasetLock } from "./lock.ts";
export { downloadProgressLogger } from "./progress.ts";
