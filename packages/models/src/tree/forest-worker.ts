// Worker thread of RandomForestClassifier: grows the trees it is sent on the shared binned data.
import { parentPort, workerData } from "node:worker_threads";
import type { ForestWorkerData, ForestWorkerRequest, ForestWorkerResult } from "./forest-pool.ts";
import { growForestTree } from "./forest-tree.ts";
import { TreeGrower } from "./grow.ts";

const init = workerData as ForestWorkerData;
const grower = new TreeGrower(init.data, init.y, init.nClasses);
const port = parentPort;
if (!port) throw new Error("forest-worker.ts must run in a worker thread");

port.on("message", (request: ForestWorkerRequest) => {
  const arrays = growForestTree(grower, init.data.rows, init.params, init.bootstrap, request.seed);
  const result: ForestWorkerResult = { tree: request.tree, arrays };
  port.postMessage(result, [
    arrays.feature.buffer,
    arrays.threshold.buffer,
    arrays.left.buffer,
    arrays.right.buffer,
    arrays.value.buffer,
    arrays.importances.buffer,
  ] as ArrayBuffer[]);
});
