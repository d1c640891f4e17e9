/** An experiment as the scheduler sees it: its name and expected cost in seconds. */
export interface Scheduled {
  name: string;
  cost: number;
}

/**
 * The order experiments are handed to free workers: longest expected first (the classic LPT rule, so a long
 * experiment does not start last and run alone), registry order among equal costs.
 */
export function longestFirst<T extends Scheduled>(experiments: readonly T[]): T[] {
  return experiments
    .map((experiment, index) => ({ experiment, index }))
    .sort((a, b) => b.experiment.cost - a.experiment.cost || a.index - b.index)
    .map(({ experiment }) => experiment);
}

/** The experiments named in `only` (all when undefined), in registry order; unknown names are an error. */
export function selectExperiments<T extends Scheduled>(
  experiments: readonly T[],
  only?: readonly string[],
): T[] {
  if (!only) return [...experiments];
  const known = new Set(experiments.map((e) => e.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`unknown experiment ${unknown.join(", ")}; the registry has ${[...known].join(", ")}`);
  }
  return experiments.filter((e) => only.includes(e.name));
}
