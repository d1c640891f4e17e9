import type { BinnedRows } from "./binned-rows.ts";
import {
  addBinnedPredictions,
  type GradientTreeArrays,
  GradientTreeGrower,
  type GradientTreeParams,
} from "./gradient-tree.ts";
import { softmaxGradients } from "./softmax-loss.ts";

/**
 * What growing one iteration's trees needs, in memory every thread can see (SharedArrayBuffers when trees grow
 * in workers): the binned rows, and the class-major gradients, hessians and raw scores they update.
 */
export interface BoostingState {
  train: BinnedRows;
  /** Rows scored after each iteration for early stopping, or null. */
  validation: BinnedRows | null;
  params: GradientTreeParams;
  nClasses: number;
  /** Training labels (for the gradients). */
  labels: Int32Array;
  gradients: Float32Array;
  hessians: Float32Array;
  raw: Float64Array;
  rawValidation: Float64Array | null;
}

/**
 * Grows class k's tree of the current iteration and adds it to the raw scores of class k (training rows, and
 * validation rows when there are). Classes touch disjoint slices, so threads may grow different classes at once.
 */
export function growClassTree(
  state: BoostingState,
  grower: GradientTreeGrower,
  k: number,
): GradientTreeArrays {
  const n = state.train.rows;
  const tree = grower.grow(
    state.gradients.subarray(k * n, (k + 1) * n),
    state.hessians.subarray(k * n, (k + 1) * n),
    state.raw.subarray(k * n, (k + 1) * n),
  );
  if (state.validation && state.rawValidation) {
    const m = state.validation.rows;
    addBinnedPredictions(tree, state.validation, state.rawValidation.subarray(k * m, (k + 1) * m));
  }
  return tree;
}

/**
 * The gradients and hessians of `classes` from the current raw scores. Every thread must finish this before any
 * thread grows a tree, since growing updates the raw scores the softmax reads.
 */
export function classGradients(state: BoostingState, classes: readonly number[]): void {
  softmaxGradients(state.raw, state.labels, state.nClasses, state.gradients, state.hessians, classes);
}

export function createGrower(state: BoostingState): GradientTreeGrower {
  return new GradientTreeGrower(state.train, state.params);
}
