import { readFileSync } from "node:fs";

/** Where the pinned dataset comes from, as its publishers state it: what the report cites. */
export interface DatasetProvenance {
  title: string;
  author: string;
  /** The Hugging Face revision whose dataset.csv is pinned. */
  revision: string;
  /** Where it is published, each with the licence that host states. */
  hosts: { name: string; id: string; url: string; license: string; doi?: string }[];
  /** How the data was collected, and what that implies for its use. */
  collection: string;
}

/** The pinned identity of the dataset: where it comes from and the bytes it must have. */
export interface DatasetLock {
  name: string;
  file: string;
  bytes: number;
  sha256: string;
  revision: string;
  url: string;
  license: string;
  /** The dataset's citation details (absent from test fixtures). */
  provenance?: DatasetProvenance;
}

export const datasetLockPath = new URL("../dataset.lock.json", import.meta.url);

export function readDatasetLock(): DatasetLock {
  return JSON.parse(readFileSync(datasetLockPath, "utf8")) as DatasetLock;
}
