#!/usr/bin/env -S npx tsx
// `spotiflies-data`: make sure the verified dataset is available (downloading it if needed) and say where.
import { locateDataset } from "./locate.ts";
import { downloadProgressLogger } from "./progress.ts";

const log = (line: string) => console.log(line);
const started = performance.now();
try {
  const dataset = await locateDataset({ log, onDownloadProgress: downloadProgressLogger(log) });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `data: ready in ${seconds} s — ${dataset.bytes} bytes from ${dataset.source} (${dataset.path})` +
      (dataset.pinned ? "" : `, UNVERIFIED: not the pinned dataset (sha256 ${dataset.sha256})`),
  );
} catch (error) {
  console.error(`data: ${(error as Error).message}`);
  process.exitCode = 1;
}
