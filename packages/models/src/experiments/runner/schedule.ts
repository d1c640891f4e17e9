/** An experiment as the scheduler sees it: its name, expected cost in seconds, and the experiments it needs. */
export interface Scheduled {
  name: string;
  cost: number;
  /** Experiments whose held-out predictions this one reads: it starts only after they finished. */
  needs?: readonly string[];
}

/**
 * The order experiments are handed to free workers: longest expected first (the classic LPT rule, so a long
 * experiment does not start last and run alone), registry order among equal costs. An experiment's length
 * includes the longest chain of experiments that need it (its "bottom level"), so the head of a chain starts
 * early.
 */
export function longestFirst<T extends Scheduled>(experiments: readonly T[]): T[] {
  const level = (e: T): number =>
    e.cost + Math.max(0, ...experiments.filter((d) => d.needs?.includes(e.name)).map(level));
  return experiments
    .map((experiment, index) => ({ experiment, index, level: level(experiment) }))
    .sort((a, b) => b.level - a.level || a.index - b.index)
    .map(({ experiment }) => experiment);
}

/** The first experiment of `queue` whose needs are all among `done`, or undefined. */
export function nextReady<T extends Scheduled>(
  queue: readonly T[],
  done: ReadonlySet<string>,
): T | undefined {
  return queue.find((e) => (e.needs ?? []).every((n) => done.has(n)));
}

/**
 * The experiments named in `only` (all when undefined) and every experiment they need, in registry order;
 * unknown names, needs that name no experiment, and cycles are errors.
 */
export function selectExperiments<T extends Scheduled>(
  experiments: readonly T[],
  only?: readonly string[],
): T[] {
  const byName = new Map(experiments.map((e) => [e.name, e]));
  for (const e of experiments) {
    const missing = (e.needs ?? []).filter((n) => !byName.has(n));
    if (missing.length > 0)
      throw new Error(`experiment ${e.name} needs ${missing.join(", ")}, not in the registry`);
  }
  const checkAcyclic = (name: string, path: string[]): void => {
    if (path.includes(name))
      throw new Error(`experiments need each other in a cycle: ${[...path, name].join(" → ")}`);
    for (const n of byName.get(name)?.needs ?? []) checkAcyclic(n, [...path, name]);
  };
  for (const e of experiments) checkAcyclic(e.name, []);
  if (!only) return [...experiments];
  const unknown = only.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown experiment ${unknown.join(", ")}; the registry has ${[...byName.keys()].join(", ")}`,
    );
  }
  const wanted = new Set<string>();
  const add = (name: string): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const n of byName.get(name)?.needs ?? []) add(n);
  };
  for (const name of only) add(name);
  return experiments.filter((e) => wanted.has(e.name));
}
