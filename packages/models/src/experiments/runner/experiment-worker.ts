// Worker thread of the experiment runner: loads the table once, then runs the experiments it is sent, one
// at a time, each on a fresh context, streaming log lines and posting back what the experiment produced.
import { parentPort, workerData } from "node:worker_threads";
import type { TrackTable } from "../../dataset/tracks.ts";
import { createContext } from "../context.ts";
import type { Experiment } from "../registry.ts";
import { importExport, type WorkerInit, type WorkerMessage, type WorkerRequest } from "./protocol.ts";

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error("experiment-worker.ts must run in a worker thread");
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const ready = (async () => {
  const [experiments, loader] = await Promise.all([
    importExport<readonly Experiment[]>(init.registry),
    importExport<() => TrackTable | Promise<TrackTable>>(init.loader),
  ]);
  const started = performance.now();
  const table = await loader();
  post({ type: "loaded", rows: table.rows, seconds: (performance.now() - started) / 1000 });
  return { experiments, table };
})();
// Keeps a load failure from surfacing as an unhandled rejection before the first request awaits it.
ready.catch(() => {});

let queue = Promise.resolve();
port.on("message", ({ name, inputs }: WorkerRequest) => {
  queue = queue.then(() => run(name, inputs));
});

async function run(name: string, inputs: WorkerRequest["inputs"]): Promise<void> {
  try {
    const { experiments, table } = await ready;
    const experiment = experiments.find((e) => e.name === name);
    if (!experiment) throw new Error(`the registry has no experiment ${name}`);
    const context = createContext(table, (line) => post({ type: "log", name, line }));
    const started = performance.now();
    const result = await experiment.run(context, inputs);
    const seconds = (performance.now() - started) / 1000;
    // The predictions move to the parent rather than being copied (they can be a few hundred MB).
    const transfer = [
      ...new Set(context.heldOut.flatMap((p) => [p.validation.buffer, p.test.buffer])),
    ] as ArrayBuffer[];
    post(
      {
        type: "done",
        outcome: {
          name,
          result,
          detail: experiment.describe(result as never),
          seconds,
          steps: context.steps,
          exports: [...context.exports],
          heldOut: context.heldOut,
        },
      },
      transfer,
    );
  } catch (error) {
    post({
      type: "failed",
      name,
      stack: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}
