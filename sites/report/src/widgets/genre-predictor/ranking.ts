import { pct } from "../../site/format.ts";

/** How many classes each list shows. */
export const TOP = 5;

export interface Ranked {
  name: string;
  probability: number;
}

/** The `k` most probable classes, most probable first (ties by name, so the order never depends on chance). */
export function topClasses(names: readonly string[], probabilities: ArrayLike<number>, k = TOP): Ranked[] {
  if (names.length !== probabilities.length)
    throw new Error(`${names.length} class names for ${probabilities.length} probabilities.`);
  return Array.from(names, (name, i) => ({ name, probability: probabilities[i] as number }))
    .sort((a, b) => b.probability - a.probability || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, k);
}

/** A probability as the lists show it: a percentage to one decimal. */
export function shownProbability(probability: number): string {
  return pct(probability, 1);
}
