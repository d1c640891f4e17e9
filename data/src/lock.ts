import { readFileSync } from "node:fs";

/** The pinned identity of the dataset: where it comes from and the bytes it must have. */
export interface DatasetLock {
  name: string;
  file: string;
  bytes: number;
  sha256: string;
  revision: string;
  url: string;
  license: string;
}

export const datasetLockPath = new URL("../dataset.lock.json", import.meta.url);

export function readDatasetLock(): DatasetLock {
  return JSON.parse(readFileSync(datasetLockPath, "utf8")) as DatasetLock;
}
