import type { BinnedRows } from "./binned-rows.ts";
import { type GossOptions, gossRows, gossStartIteration } from "./goss.ts";
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
  /** Gradient-based one-side sampling of each tree's rows, or null for every row in every tree. */
  goss: GossOptions | null;
}

/** One thread's means of growing class trees: the tree grower and, with GOSS, its row-sampling scratch. */
export interface ClassTreeGrower {
  trees: GradientTreeGrower;
  sample: { rows: Uint32Array; magnitudes: Float32Array; draws: Uint32Array } | null;
}

/**
 * Grows class k's tree of iteration `iteration` (from 1) and adds it to the raw scores of class k (training rows, and
 * validation rows when there are). Classes touch disjoint slices, so threads may grow different classes at once.
 */
export function growClassTree(
  state: BoostingState,
  grower: ClassTreeGrower,
  k: number,
  iteration: number,
): GradientTreeArrays {
  const n = state.train.rows;
  const g = state.gradients.subarray(k * n, (k + 1) * n);
  const h = state.hessians.subarray(k * n, (k + 1) * n);
  const raw = state.raw.subarray(k * n, (k + 1) * n);
  const { goss } = state;
  let tree: GradientTreeArrays;
  if (goss && grower.sample && iteration > gossStartIteration(state.params.learningRate)) {
    const { rows, magnitudes, draws } = grower.sample;
    const count = gossRows(g, h, goss, iteration, k, rows, magnitudes, draws);
    tree = grower.trees.grow(g, h, raw, { rows, count });
  } else tree = grower.trees.grow(g, h, raw);
  if (state.validation && state.rawValidation) {
    const m = state.validation.rows;
    addBinnedPredictions(tree, state.validation, state.rawValidation.subarray(k * m, (k + 1) * m));
  }
  return tree;
}

/**
 * The gradients and hessians of every class for training rows start..end−1, from the current raw scores. Every
 * thread must finish its rows before any thread grows a tree, since growing updates the raw scores the softmax
 * reads.
 */
export function classGradients(state: BoostingState, start: number, end: number): void {
  softmaxGradients(state.raw, state.labels, state.nClasses, state.gradients, state.hessians, start, end);
}

export function createGrower(state: BoostingState): ClassTreeGrower {
  const n = state.train.rows;
  return {
    trees: new GradientTreeGrower(state.train, state.params),
    sample: state.goss
      ? { rows: new Uint32Array(n), magnitudes: new Float32Array(n), draws: new Uint32Array(n) }
      : null,
  };
}
