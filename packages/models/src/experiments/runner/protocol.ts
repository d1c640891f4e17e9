import type { ModelExportName } from "../context.ts";
import type { HeldOutPredictions } from "../held-out.ts";

/**
 * A named export of a module, by file URL: how the runner tells a worker which experiments and which table
 * loader to use (functions cannot cross a thread boundary, module addresses can).
 */
export interface ModuleExport {
  url: string;
  name: string;
}

/** What every experiment worker starts with. */
export interface WorkerInit {
  /** An export holding the experiments (an array of `Experiment`). */
  registry: ModuleExport;
  /** An export holding a function that returns the table (or a promise of it), called once per worker. */
  loader: ModuleExport;
  /** 1-based, for log lines. */
  worker: number;
}

/** Parent → worker: run this experiment, with the held-out predictions of the experiments it needs. */
export interface WorkerRequest {
  name: string;
  inputs: HeldOutPredictions[];
}

/** What one experiment produced, as the parent writes it (results carry no timings; `seconds` and `steps` go to the build log). */
export interface ExperimentOutcome {
  name: string;
  result: unknown;
  /** The experiment's one-phrase summary. */
  detail: string;
  seconds: number;
  steps: { step: string; seconds: number }[];
  /** Fitted models the experiment handed over for saving, in the order it set them. */
  exports: [ModelExportName, unknown][];
  /** Predictions handed on to the experiments that need this one (the runner drops them once passed on). */
  heldOut: HeldOutPredictions[];
}

/** Worker → parent. */
export type WorkerMessage =
  | { type: "loaded"; rows: number; seconds: number }
  | { type: "log"; name: string; line: string }
  | { type: "done"; outcome: ExperimentOutcome }
  | { type: "failed"; name: string; stack: string };

/** Imports `source.name` from `source.url`; a missing export is an error naming both. */
export async function importExport<T>(source: ModuleExport): Promise<T> {
  const module = (await import(source.url)) as Record<string, unknown>;
  if (!(source.name in module)) throw new Error(`${source.url} has no export named ${source.name}`);
  return module[source.name] as T;
}
