/**
 * What the seed notebook printed and wrote in its section 1.8 (neural networks), quoted so that the report can
 * set it beside the rebuild's results at build time. These are the seed's own words and printouts, not
 * measurements; the network's settings and its headline accuracy travel in neural-network.json (`seedReproduction`).
 */

import type { SeedReportRow } from "./notebook.ts";

/** Per super-genre: the training rows the seed counted and the class weight it printed (n / (K·count)). */
export const SEED_NN_CLASS_COUNTS: readonly { label: string; weight: number; trainingRows: number }[] = [
  { label: "classical", weight: 3.82, trainingRows: 1788 },
  { label: "electronic", weight: 0.569, trainingRows: 12002 },
  { label: "folk", weight: 1.895, trainingRows: 3604 },
  { label: "hip-hop", weight: 3.744, trainingRows: 1824 },
  { label: "jazz", weight: 2.854, trainingRows: 2393 },
  { label: "metal", weight: 1.876, trainingRows: 3640 },
  { label: "misc", weight: 0.38, trainingRows: 17962 },
  { label: "pop", weight: 1.268, trainingRows: 5386 },
  { label: "rock", weight: 1.04, trainingRows: 6569 },
  { label: "world", weight: 0.52, trainingRows: 13128 },
];

/** How many validation tracks the seed's network assigned to each super-genre (its printout before the report). */
export const SEED_NN_PREDICTIONS: Readonly<Record<string, number>> = {
  classical: 4629,
  electronic: 4627,
  folk: 2029,
  "hip-hop": 0,
  jazz: 890,
  metal: 6415,
  misc: 3462,
  pop: 0,
  rock: 609,
  world: 105,
};

/**
 * The seed's validation classification report for its network, printed with `zero_division=1`: a class that is
 * never predicted gets precision 1.00.
 */
export const SEED_NN_REPORT: readonly SeedReportRow[] = [
  { label: "classical", precision: 0.1, recall: 0.77, f1: 0.18, support: 607 },
  { label: "electronic", precision: 0.26, recall: 0.3, f1: 0.28, support: 4026 },
  { label: "folk", precision: 0.09, recall: 0.15, f1: 0.11, support: 1218 },
  { label: "hip-hop", precision: 1.0, recall: 0.0, f1: 0.0, support: 578 },
  { label: "jazz", precision: 0.07, recall: 0.07, f1: 0.07, support: 830 },
  { label: "metal", precision: 0.17, recall: 0.9, f1: 0.28, support: 1203 },
  { label: "misc", precision: 0.25, recall: 0.15, f1: 0.19, support: 5931 },
  { label: "pop", precision: 1.0, recall: 0.0, f1: 0.0, support: 1825 },
  { label: "rock", precision: 0.09, recall: 0.03, f1: 0.04, support: 2227 },
  { label: "world", precision: 0.3, recall: 0.01, f1: 0.01, support: 4321 },
];

/** The report's summary rows as printed. */
export const SEED_NN_REPORT_AVERAGES = {
  macro: { precision: 0.33, recall: 0.24, f1: 0.12 },
  weighted: { precision: 0.3, recall: 0.17, f1: 0.13 },
} as const;

/** The seed's sentences about its network that the chapter examines, word for word. */
export const SEED_NN_PROSE = {
  architecture:
    "using ReLU caused slow training (since the gradient is 0 if the value is negative), and including dropout added to much variation to the training loss",
  logSoftmax:
    "switching from softmax to log softmax helped the early stopping algorithm from stopping too early",
  chance: "hardly better than uniform, at 10%",
  recall:
    "the recall for classical and metal was significantly high. This means that if the model predicted that a song was metal or classical, it was likely correct",
  recallClasses: ["classical", "metal"],
  unpredicted: "pop and hip hop, the most and least represented classes, had 0 predictions",
  unpredictedClasses: ["pop", "hip-hop"],
  lossFunction: "This could be an indicator that cross entropy was not a good loss function.",
} as const;
