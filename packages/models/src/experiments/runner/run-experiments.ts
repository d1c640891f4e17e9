import { Worker } from "node:worker_threads";
import type { HeldOutPredictions } from "../held-out.ts";
import type { Experiment } from "../registry.ts";
import {
  type ExperimentOutcome,
  importExport,
  type ModuleExport,
  type WorkerInit,
  type WorkerMessage,
  type WorkerRequest,
} from "./protocol.ts";
import { longestFirst, nextReady, selectExperiments } from "./schedule.ts";

/** The build's experiments and table: the registry's `EXPERIMENTS` and the analysis's cleaned tracks. */
export const BUILD_REGISTRY: ModuleExport = {
  url: new URL("../registry.ts", import.meta.url).href,
  name: "EXPERIMENTS",
};
export const BUILD_LOADER: ModuleExport = {
  url: new URL("../../dataset/tracks.ts", import.meta.url).href,
  name: "loadTracks",
};

export interface RunOptions {
  /** Where the experiments come from (default: the build's registry). */
  registry?: ModuleExport;
  /** How each worker loads its table (default: the cleaned tracks). */
  loader?: ModuleExport;
  /** Run only these experiments (registry names) and those they need; all when undefined. */
  only?: readonly string[];
  /** Most experiments running at once, each in its own worker thread. */
  concurrency: number;
  log?: (line: string) => void;
}

export interface RunReport {
  /** One per experiment run, in registry order whatever order they finished in. */
  outcomes: ExperimentOutcome[];
  /** Wall time from the first worker's start to the last result. */
  wallSeconds: number;
  /** Workers used: the concurrency, or fewer when fewer experiments were selected. */
  workers: number;
}

/** An experiment that threw, with its name and the stack from its worker. */
export class ExperimentFailure extends Error {
  constructor(
    readonly experiment: string,
    readonly workerStack: string,
  ) {
    super(`experiment ${experiment} failed: ${workerStack}`);
    this.name = "ExperimentFailure";
  }
}

const needsOf = (experiment: Experiment): readonly string[] => experiment.needs ?? [];

const WORKER_URL = new URL("./experiment-worker.mjs", import.meta.url);

/**
 * Runs experiments in worker threads, at most `concurrency` at once, longest expected first (the registry's
 * `cost`). Each worker loads the table once and gives every experiment a fresh context, so an experiment's
 * result does not depend on which worker ran it or what ran there before: the outcomes are the same whatever
 * the concurrency. Log lines stream to `log` as they come, prefixed with the experiment's name. The first
 * failure rejects with an {@link ExperimentFailure} and terminates every worker.
 */
export async function runExperiments(options: RunOptions): Promise<RunReport> {
  const { concurrency, log = () => {} } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  const registry = options.registry ?? BUILD_REGISTRY;
  const loader = options.loader ?? BUILD_LOADER;
  const selected = selectExperiments(await importExport<readonly Experiment[]>(registry), options.only);
  const queue = longestFirst(selected);
  const width = Math.max(0, ...selected.map((e) => e.name.length));
  const prefix = (name: string) => `${name.padEnd(width)} │ `;
  const workers = Math.min(concurrency, queue.length);
  const outcomes = new Map<string, ExperimentOutcome>();
  const pool: Worker[] = [];
  const started = performance.now();
  log(
    `models ▸ ${queue.length} experiment${queue.length === 1 ? "" : "s"} on ${workers} worker${workers === 1 ? "" : "s"}, ` +
      `longest expected first: ${queue.map((e) => e.name).join(", ")}`,
  );

  try {
    await new Promise<void>((resolve, reject) => {
      const waiting = [...queue];
      const done = new Set<string>();
      // Held-out predictions of finished experiments, kept until every experiment that needs them started.
      const heldOut = new Map<string, HeldOutPredictions[]>();
      const running: (string | undefined)[] = new Array(workers);
      const retired = new Array<boolean>(workers).fill(false);
      const idle = new Set<number>();
      const feed = (worker: Worker, slot: number): void => {
        if (waiting.length === 0) {
          // Nothing left for this worker: let it go rather than hold its table while others finish.
          running[slot] = undefined;
          retired[slot] = true;
          void worker.terminate();
          return;
        }
        const experiment = nextReady(waiting, done);
        if (!experiment) {
          // Everything left needs an experiment still running: wait for it.
          running[slot] = undefined;
          idle.add(slot);
          return;
        }
        idle.delete(slot);
        waiting.splice(waiting.indexOf(experiment), 1);
        running[slot] = experiment.name;
        const needs = experiment.needs ?? [];
        const inputs = needs.flatMap((n) => heldOut.get(n) ?? []);
        for (const n of needs) {
          if (!waiting.some((e) => needsOf(e).includes(n))) heldOut.delete(n);
        }
        log(
          `models ▸ ${experiment.name} … (worker ${slot + 1}` +
            `${needs.length > 0 ? `, with the held-out predictions of ${needs.join(", ")}` : ""})`,
        );
        worker.postMessage({ name: experiment.name, inputs } satisfies WorkerRequest);
      };
      for (let slot = 0; slot < workers; slot++) {
        const init: WorkerInit = { registry, loader, worker: slot + 1 };
        const worker = new Worker(WORKER_URL, { workerData: init });
        pool.push(worker);
        worker.on("message", (message: WorkerMessage) => {
          switch (message.type) {
            case "loaded":
              log(
                `models ▸ worker ${slot + 1} loaded ${message.rows.toLocaleString("en-US")} rows ` +
                  `in ${message.seconds.toFixed(1)} s`,
              );
              return;
            case "log":
              log(prefix(message.name) + message.line);
              return;
            case "failed":
              reject(new ExperimentFailure(message.name, message.stack));
              return;
            case "done": {
              const { outcome } = message;
              const { heldOut: predictions, ...kept } = outcome;
              outcomes.set(outcome.name, { ...kept, heldOut: [] });
              done.add(outcome.name);
              if (waiting.some((e) => needsOf(e).includes(outcome.name)))
                heldOut.set(outcome.name, predictions);
              log(`models ▸ ${outcome.name}: ${outcome.detail} (${outcome.seconds.toFixed(1)} s)`);
              if (outcomes.size === queue.length) {
                resolve();
                return;
              }
              feed(worker, slot);
              for (const other of [...idle]) feed(pool[other] as Worker, other);
              return;
            }
          }
        });
        worker.on("error", (error) =>
          reject(
            new ExperimentFailure(running[slot] ?? `(worker ${slot + 1})`, error.stack ?? error.message),
          ),
        );
        worker.on("exit", (code) => {
          if (!retired[slot] && outcomes.size < queue.length) {
            reject(
              new ExperimentFailure(
                running[slot] ?? `(worker ${slot + 1})`,
                `its worker exited with code ${code} before finishing`,
              ),
            );
          }
        });
        feed(worker, slot);
      }
      if (queue.length === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return {
    outcomes: selected.map((e) => outcomes.get(e.name) as ExperimentOutcome),
    wallSeconds: (performance.now() - started) / 1000,
    workers,
  };
}
