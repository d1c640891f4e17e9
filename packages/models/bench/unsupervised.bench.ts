/**
 * Time of each unsupervised step of section 1.7 (PCA, logistic regression on 10 components, k-means, Ward on the
 * 30 % sample, Gaussian mixtures, silhouettes, ARIs) on the real cleaned tracks, as the build runs them.
 * Run with `npm run bench -w @spotiflies/models` (after `turbo build` has written the analysis output).
 * The steps are the experiment's own timings (`context.time`), so the bench and the build log measure the same.
 */

import { loadTracks } from "../src/dataset/tracks.ts";
import { createContext } from "../src/experiments/context.ts";
import { runPcaClustering } from "../src/experiments/pca-clustering.ts";

const table = await loadTracks();
const context = createContext(table);
const started = performance.now();
await runPcaClustering(context);
const total = (performance.now() - started) / 1000;

const width = Math.max(...context.steps.map((s) => s.step.length), 4);
console.log(
  `\nUnsupervised steps on ${table.rows.toLocaleString("en-US")} cleaned tracks (seconds, one run)`,
);
console.log(`${"step".padEnd(width)}  seconds  share`);
for (const { step, seconds } of context.steps) {
  console.log(
    `${step.padEnd(width)}  ${seconds.toFixed(2).padStart(7)}  ${((100 * seconds) / total).toFixed(0).padStart(4)} %`,
  );
}
console.log(`${"whole experiment".padEnd(width)}  ${total.toFixed(2).padStart(7)}`);
