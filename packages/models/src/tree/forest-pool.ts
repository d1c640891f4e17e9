import { Worker } from "node:worker_threads";
import type { ForestTreeTask } from "./forest-tree.ts";
import type { GrowData } from "./grow.ts";
import type { GrowParams } from "./options.ts";
import type { TreeArrays } from "./tree-model.ts";

/** What every forest worker starts with; `data.codes` and `y` should live in SharedArrayBuffers (copied otherwise). */
export interface ForestWorkerData {
  data: GrowData;
  y: Int32Array;
  nClasses: number;
  params: GrowParams;
  bootstrap: boolean;
}

/** Main thread → worker: grow this tree. */
export type ForestWorkerRequest = ForestTreeTask;

/** Worker → main thread: the grown tree. */
export interface ForestWorkerResult {
  tree: number;
  arrays: TreeArrays;
}

/**
 * Grows `tasks` on `workers` worker threads, handing the next tree to whichever worker is free, and calls
 * `onTree` as each tree arrives (in completion order; trees are keyed by index, so the forest does not
 * depend on the schedule).
 */
export async function growInWorkers(
  init: ForestWorkerData,
  tasks: readonly ForestTreeTask[],
  workers: number,
  onTree: (tree: number, arrays: TreeArrays) => void,
): Promise<void> {
  const url = new URL("./forest-worker.mjs", import.meta.url);
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const feed = (worker: Worker): void => {
        const task = tasks[next++];
        if (task) worker.postMessage(task satisfies ForestWorkerRequest);
      };
      for (let w = 0; w < Math.min(workers, tasks.length); w++) {
        const worker = new Worker(url, { workerData: init });
        pool.push(worker);
        worker.on("message", (result: ForestWorkerResult) => {
          try {
            onTree(result.tree, result.arrays);
          } catch (error) {
            reject(error);
            return;
          }
          if (++done === tasks.length) resolve();
          else feed(worker);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (done < tasks.length)
            reject(new Error(`forest worker exited with code ${code} before the forest was done`));
        });
        feed(worker);
      }
      if (tasks.length === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
