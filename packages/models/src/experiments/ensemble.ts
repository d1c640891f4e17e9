import { fitStack, STACK_L2 } from "../ensemble/stacking.ts";
import { argmaxRows, evaluateClassifier } from "../evaluate/classification.ts";
import { featureNames } from "../features/design.ts";
import { SEED_RAW_FEATURES } from "../features/seed-feature-sets.ts";
import type { Task } from "../features/task.ts";
import { sumIntoSuperGenres, superGenreOfGenre } from "../genre-model/super-genre.ts";
import { take } from "../matrix.ts";
import { accuracy, logLoss } from "../metrics/index.ts";
import type { EnsembleResult } from "../results/ensemble-schemas.ts";
import type { Split } from "../splits/splits.ts";
import { type ExperimentContext, protocolInfo } from "./context.ts";
import { type HeldOutPredictions, heldOutOf } from "./held-out.ts";

/** The experiments whose models the ensembles combine: the three strongest audio-only families. */
export const ENSEMBLE_MEMBERS = ["random-forest", "gradient-boosting", "neural-network"] as const;
/** Weights are multiples of this step summing to 1: 66 combinations for three members, 1,001 for five. */
export const ENSEMBLE_WEIGHT_STEP = 0.1;

/** One member of a vote: an experiment's model for a task, or its 114-genre model summed into super-genres. */
export interface EnsembleMember {
  /** The name the results give the member. */
  id: string;
  model: (typeof ENSEMBLE_MEMBERS)[number];
  /** The task the model was fitted on; "genre" for a super-genre member means its genres are summed. */
  fittedOn: Task["id"];
}

const own = (model: EnsembleMember["model"], task: Task["id"]): EnsembleMember => ({
  id: model,
  model,
  fittedOn: task,
});

/**
 * Each task's members. On the super-genres the forest and the boosted trees fitted on the 114 genres join,
 * their genre probabilities summed into super-genres (as the network always answers). Chosen on the seed
 * split's validation rows alone, with 5-fold cross-validation inside them (scratch/ens_lab.py, no test rows
 * read): the summed boosted trees scored 57.2 % there against 56.6 % for the super-genre ones, and the stack
 * with five members 59.8 % against 59.5 % with three (the vote 59.2 % against 58.6 %). A model told to separate
 * 114 genres learns finer boundaries inside each super-genre, which the sum keeps.
 */
export const MEMBERS_BY_TASK: Record<Task["id"], readonly EnsembleMember[]> = {
  "super-genre": [
    ...ENSEMBLE_MEMBERS.map((m) => own(m, "super-genre")),
    { id: "random-forest-genre-summed", model: "random-forest", fittedOn: "genre" },
    { id: "gradient-boosting-genre-summed", model: "gradient-boosting", fittedOn: "genre" },
  ],
  genre: ENSEMBLE_MEMBERS.map((m) => own(m, "genre")),
};

/** Every vector of `members` non-negative integers summing to `total`, the first entry descending. */
function compositions(members: number, total: number): number[][] {
  if (members === 1) return [[total]];
  const out: number[][] = [];
  for (let first = total; first >= 0; first--) {
    for (const rest of compositions(members - 1, total - first)) out.push([first, ...rest]);
  }
  return out;
}

/** Every weight vector of `members` non-negative multiples of 1/`steps` that sum to 1. */
export function simplexGrid(members: number, steps: number): number[][] {
  return compositions(members, steps).map((c) => c.map((n) => n / steps));
}

/** Σ_m w_m · P_m, row by row. */
export function blend(probabilities: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const [first] = probabilities;
  if (!first) throw new Error("no probabilities to blend");
  const out = new Float64Array(first.length);
  probabilities.forEach((p, m) => {
    if (p.length !== first.length) throw new Error("members' probability matrices differ in size");
    const w = weights[m] as number;
    if (w === 0) return;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + w * (p[i] as number);
  });
  return out;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** A member's validation and test probabilities for the task, summed into super-genres where it says so. */
function memberPredictions(
  inputs: readonly HeldOutPredictions[],
  task: Task,
  split: Split,
  superOf: Int32Array,
): (HeldOutPredictions & { id: string })[] {
  return MEMBERS_BY_TASK[task.id].map((member) => {
    const fitted = heldOutOf(inputs, member.model, member.fittedOn, split.protocol);
    if (member.fittedOn === task.id) return { ...fitted, id: member.id };
    if (member.fittedOn !== "genre" || task.id !== "super-genre")
      throw new Error(`the ${member.id} member: a ${member.fittedOn} model cannot answer ${task.id}`);
    const k = task.classes.length;
    return {
      ...fitted,
      id: member.id,
      task: task.id,
      classes: k,
      validation: sumIntoSuperGenres(fitted.validation, superOf, k),
      test: sumIntoSuperGenres(fitted.test, superOf, k),
    };
  });
}

/** Each row's probability of its own class, from a rows × k matrix. */
function ownClassColumn(probabilities: Float64Array, labels: Int32Array, k: number): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = probabilities[i * k + (labels[i] as number)] as number;
  return out;
}

/** One task on one protocol: the weights with the lowest validation log-loss, then the test rows, once. */
function voteOn(
  context: ExperimentContext,
  inputs: readonly HeldOutPredictions[],
  task: Task,
  split: Split,
  superOf: Int32Array,
): EnsembleResult["evaluations"][number] {
  const voteStarted = performance.now();
  const members = memberPredictions(inputs, task, split, superOf);
  const grid = simplexGrid(members.length, Math.round(1 / ENSEMBLE_WEIGHT_STEP));
  const k = task.classes.length;
  const yValidation = take(task.labels, split.validation);
  const yTest = take(task.labels, split.test);
  // The weights are a choice made on the validation rows' labels (never the test rows').
  context.decisionRows(split, `ensemble weights (${task.id})`, split.validation);
  const validation = members.map((m) => m.validation);
  // The log-loss reads only each row's probability of its own class, so the grid blends those columns alone:
  // the same sums in the same order as blending every class, k times fewer (1,001 weight vectors × 5 members on
  // the super-genres took 4 s per protocol blending all ten).
  const ownClass = validation.map((p) => ownClassColumn(p, yValidation, k));
  const firstColumn = new Int32Array(yValidation.length);
  let best = { weights: grid[0] as number[], logLoss: Number.POSITIVE_INFINITY };
  for (const weights of grid) {
    const loss = logLoss(firstColumn, blend(ownClass, weights));
    // Ties keep the earlier combination (the grid's order), so the choice is deterministic.
    if (loss < best.logLoss) best = { weights, logLoss: loss };
  }
  const chosenValidation = blend(validation, best.weights);
  const testProba = blend(
    members.map((m) => m.test),
    best.weights,
  );
  const test = evaluateClassifier(yTest, testProba, task.classes, { roc: k <= 10 });
  // The vote's own time (its weights and scoring); the stack's is timed apart below.
  context.time(`vote ${split.protocol} ${task.id}`, (performance.now() - voteStarted) / 1000);
  const memberRows = members.map((m, i) => ({
    model: m.id,
    settings: m.settings,
    weight: best.weights[i] as number,
    validationLogLoss: logLoss(yValidation, m.validation),
    validationAccuracy: accuracy(yValidation, argmaxRows(m.validation, k)),
    testAccuracy: accuracy(yTest, argmaxRows(m.test, k)),
  }));
  // Ties go to the member listed first.
  const strongest = memberRows.reduce((a, m) => (m.testAccuracy > a.testAccuracy ? m : a));

  // The stack learns its combination on the same validation rows (and is scored on the test rows once).
  context.decisionRows(split, `stacked ensemble (${task.id})`, split.validation);
  const started = performance.now();
  const stack = fitStack(validation, yValidation, k);
  const stackValidation = stack.predict(validation);
  const stackTest = evaluateClassifier(yTest, stack.predict(members.map((m) => m.test)), task.classes, {
    roc: k <= 10,
  });
  context.time(`stack ${split.protocol} ${task.id}`, (performance.now() - started) / 1000);
  context.log(
    `models ▸ ensemble (${split.protocol}, ${task.id}): weights ` +
      `${memberRows.map((m) => `${m.model} ${m.weight.toFixed(1)}`).join(", ")}; test accuracy ` +
      `${pct(test.accuracy)} (best member ${strongest.model} ${pct(strongest.testAccuracy)}); stacked ` +
      `(${stack.method === "full" ? "logistic regression on log-probabilities" : "log-linear pool"}) ` +
      `${pct(stackTest.accuracy)}`,
  );
  return {
    protocol: protocolInfo(split),
    task: task.id,
    combinations: grid.length,
    members: memberRows,
    validation: { logLoss: best.logLoss, accuracy: accuracy(yValidation, argmaxRows(chosenValidation, k)) },
    bestMember: strongest.model,
    beatsBestMember: test.accuracy > strongest.testAccuracy,
    test,
    stack: {
      method: stack.method,
      converged: stack.converged,
      validation: {
        logLoss: logLoss(yValidation, stackValidation),
        accuracy: accuracy(yValidation, argmaxRows(stackValidation, k)),
      },
      beatsVote: stackTest.accuracy > test.accuracy,
      beatsBestMember: stackTest.accuracy > strongest.testAccuracy,
      test: stackTest,
    },
  };
}

/**
 * A soft vote of the random forest, the gradient-boosted trees and the neural network (on the super-genres also
 * the 114-genre forest and boosted trees, summed): each protocol's and task's weighted mean of their
 * probabilities, the weights chosen on that protocol's validation rows. Reported whether or not it beats its best
 * member.
 */
export function runEnsemble(
  context: ExperimentContext,
  inputs: readonly HeldOutPredictions[],
): EnsembleResult {
  const { genre, superGenre } = context.tasks;
  // Each genre's super-genre, for the members fitted on the genres: read off the rows once for every vote.
  const superOf = superGenreOfGenre(genre.labels, superGenre.labels, genre.classes.length);
  const evaluations: EnsembleResult["evaluations"] = [];
  for (const split of context.splits) {
    for (const task of [superGenre, genre]) {
      evaluations.push(voteOn(context, inputs, task, split, superOf));
    }
  }
  return {
    model: "ensemble",
    description:
      `A weighted soft vote (the mean of class probabilities) of the ${ENSEMBLE_MEMBERS.join(", ")} ` +
      "experiments' models, each fitted on the protocol's training rows by its own experiment; on the " +
      "super-genres also the forest and the boosted trees fitted on the 114 genres, their genre probabilities " +
      "summed into super-genres. The weights are " +
      `chosen per protocol and task among all multiples of ${ENSEMBLE_WEIGHT_STEP} that sum to 1, by the lowest ` +
      "log-loss on the protocol's validation rows; the test rows are scored once. The boosted trees and the " +
      "network also stopped early on those validation rows, so their validation scores are slightly flattering " +
      "and the vote may lean on them a little more than it should. Beside the vote, a stack is fitted on the same " +
      "validation rows: on the super-genres a multinomial logistic regression on every member's log-probability " +
      `of every class (L2 ${STACK_L2} per row), on the genres a log-linear pool (one non-negative weight per ` +
      "member and a bias per class); its test rows are scored once too.",
    features: featureNames(SEED_RAW_FEATURES),
    weightStep: ENSEMBLE_WEIGHT_STEP,
    evaluations,
  };
}
