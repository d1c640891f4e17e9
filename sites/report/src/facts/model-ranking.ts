import { comparisonRows } from "./model-tables.ts";
import { type Task, taskName } from "./models.ts";

/** Where one model stands among all compared models on a task, by test accuracy on the recording-grouped (headline) split. */

export type ComparisonRow = ReturnType<typeof comparisonRows>[number];

/** The comparison's rows for `task`, best first on the recording-grouped (headline) split. */
export function ranked(task: Task): ComparisonRow[] {
  return comparisonRows()
    .filter((r) => r.task === taskName(task))
    .sort((a, b) => b.headlineAccuracy - a.headlineAccuracy);
}

export function standing(model: string, task: Task) {
  const rows = ranked(task);
  const index = rows.findIndex((r) => r.model === model);
  const row = rows[index];
  if (!row) throw new Error(`The model comparison has no "${model}" row for ${taskName(task)}.`);
  return {
    row,
    /** 1 for the best. */
    rank: index + 1,
    of: rows.length,
    best: rows[0] ?? row,
    /** The best model other than this one. */
    bestOther: rows.find((r) => r.model !== model),
  };
}

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];

/** 1 → "first", 2 → "second"; beyond ten in digits: 11 → "11th", 22 → "22nd". */
export function ordinal(rank: number): string {
  const word = ORDINALS[rank - 1];
  if (word) return word;
  const teen = rank % 100 >= 11 && rank % 100 <= 13;
  const suffix = teen ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[rank % 10] ?? "th");
  return `${rank}${suffix}`;
}
