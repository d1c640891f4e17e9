// Worker thread of HistGradientBoostingClassifier: grows the trees of the classes it is sent, on shared memory.
import { parentPort, workerData } from "node:worker_threads";
import type { BoostingWorkerRequest, BoostingWorkerResult } from "./boosting-pool.ts";
import { type BoostingState, classGradients, createGrower, growClassTree } from "./class-trees.ts";

const state = workerData as BoostingState;
const grower = createGrower(state);
const port = parentPort;
if (!port) throw new Error("boosting-worker.ts must run in a worker thread");

port.on("message", (request: BoostingWorkerRequest) => {
  if (request.phase === "gradients") {
    classGradients(state, request.rows[0], request.rows[1]);
    port.postMessage({ trees: [] } satisfies BoostingWorkerResult);
    return;
  }
  const trees = request.classes.map((k) => ({ k, tree: growClassTree(state, grower, k, request.iteration) }));
  const result: BoostingWorkerResult = { trees };
  port.postMessage(
    result,
    trees.flatMap(({ tree }) => [
      tree.feature.buffer,
      tree.bin.buffer,
      tree.left.buffer,
      tree.right.buffer,
      tree.value.buffer,
      tree.gains.buffer,
    ]) as ArrayBuffer[],
  );
});
