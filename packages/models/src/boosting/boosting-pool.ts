import { Worker } from "node:worker_threads";
import type { BoostingState } from "./class-trees.ts";
import type { GradientTreeArrays } from "./gradient-tree.ts";

/** Main thread → worker: grow these classes' trees of the current iteration. */
export interface BoostingWorkerRequest {
  /** First every worker computes its rows' gradients; once all have, every worker grows its classes' trees. */
  phase: "gradients" | "trees";
  classes: number[];
  /** The training rows [start, end) whose gradients this worker computes (gradients phase). */
  rows: [number, number];
  /** The iteration, from 1 (GOSS samples by it). */
  iteration: number;
}

/** Worker → main thread: the grown trees. */
export interface BoostingWorkerResult {
  trees: { k: number; tree: GradientTreeArrays }[];
}

/**
 * Worker threads that grow one iteration's K trees between them, class k on worker k mod W (each class's
 * tree depends only on its own gradients, so the ensemble does not depend on W). Lives for one fit.
 */
export class BoostingPool {
  readonly #workers: Worker[];
  readonly #rows: number;

  constructor(state: BoostingState, workers: number) {
    this.#rows = state.train.rows;
    const url = new URL("./boosting-worker.mjs", import.meta.url);
    this.#workers = Array.from({ length: workers }, () => new Worker(url, { workerData: state }));
  }

  /** Computes the gradients, then grows the trees of classes 0..K−1; returns the trees in class order. */
  async iteration(nClasses: number, iteration: number): Promise<GradientTreeArrays[]> {
    // Gradients by row ranges (each row's softmax once), trees by class (class k on worker k mod W).
    await this.#phase("gradients", nClasses, iteration);
    const answers = await this.#phase("trees", nClasses, iteration);
    const trees: GradientTreeArrays[] = new Array(nClasses);
    for (const answer of answers) for (const { k, tree } of answer.trees) trees[k] = tree;
    return trees;
  }

  #phase(
    phase: BoostingWorkerRequest["phase"],
    nClasses: number,
    iteration: number,
  ): Promise<BoostingWorkerResult[]> {
    const W = this.#workers.length;
    return Promise.all(
      this.#workers.map(
        (worker, w) =>
          new Promise<BoostingWorkerResult>((resolve, reject) => {
            const classes: number[] = [];
            for (let k = w; k < nClasses; k += W) classes.push(k);
            const rows: [number, number] = [
              Math.floor((w * this.#rows) / W),
              Math.floor(((w + 1) * this.#rows) / W),
            ];
            const cleanup = () => {
              worker.off("message", onMessage);
              worker.off("error", onError);
              worker.off("exit", onExit);
            };
            const onMessage = (result: BoostingWorkerResult) => {
              cleanup();
              resolve(result);
            };
            const onError = (error: Error) => {
              cleanup();
              reject(error);
            };
            const onExit = (code: number) => {
              cleanup();
              reject(new Error(`boosting worker exited with code ${code} in the middle of an iteration`));
            };
            worker.on("message", onMessage);
            worker.on("error", onError);
            worker.on("exit", onExit);
            worker.postMessage({ phase, classes, rows, iteration } satisfies BoostingWorkerRequest);
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
