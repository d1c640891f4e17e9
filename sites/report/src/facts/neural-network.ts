import type { ClassificationMetrics, ClassifierEvaluation } from "@spotiflies/models/results";
import { modelResult } from "../data/models.ts";
import {
  SEED_NN_CLASS_COUNTS,
  SEED_NN_PREDICTIONS,
  SEED_NN_PROSE,
  SEED_NN_REPORT,
} from "../seed/neural-network.ts";
import { dec, int } from "../site/format.ts";
import { evaluation, findEvaluation, HEADLINE, PROTOCOLS, type Protocol, type Task } from "./models.ts";

/** Facts of the neural-network chapter (seed section 1.8), all computed from neural-network.json and the seed's printouts. */

export type NeuralNetworkResult = ReturnType<typeof modelResult<"neural-network">>;
export type NetworkConfig = NeuralNetworkResult["final"]["runs"][number]["config"];
export type TrainingCurve = NeuralNetworkResult["final"]["runs"][number]["training"];
export type EpochRecord = TrainingCurve["epochs"][number];
export type Ablation = NeuralNetworkResult["ablations"]["runs"][number];
export type NetworkSearch = NeuralNetworkResult["searches"][number];
export type Candidate = NetworkSearch["candidates"][number];

export function neuralNetwork(): NeuralNetworkResult {
  return modelResult("neural-network");
}

/**
 * The architecture search made on one protocol's own training and validation rows (by default the seed's
 * random split, the one the chapter walks through).
 */
export function nnSearch(protocol: Protocol = "seed-random"): NetworkSearch {
  const found = neuralNetwork().searches.find((s) => s.protocol === protocol);
  if (!found) throw new Error(`neural-network.json has no ${protocol} search.`);
  return found;
}

/** The settings the final networks of one protocol were trained with (its own search's choice). */
export function finalConfig(protocol: Protocol = "seed-random"): NetworkConfig {
  const run = neuralNetwork().final.runs.find((r) => r.protocol === protocol);
  if (!run) throw new Error(`neural-network.json has no final ${protocol} run.`);
  return run.config;
}

/** The chosen network's evaluation on one protocol and task. */
export function nnEvaluation(protocol: Protocol, task: Task): ClassifierEvaluation {
  return findEvaluation("neural-network", neuralNetwork().evaluations, protocol, task);
}

/**
 * The chosen network's training curve on one protocol: one network, trained on the genres, answers both tasks
 * (its super-genre answer sums its genre probabilities).
 */
export function finalCurve(protocol: Protocol): TrainingCurve {
  const run = neuralNetwork().final.runs.find((r) => r.protocol === protocol && r.task === "genre");
  if (!run) throw new Error(`neural-network.json has no final ${protocol} run on the genres.`);
  return run.training;
}

export function ablation(id: string): Ablation {
  const found = neuralNetwork().ablations.runs.find((run) => run.id === id);
  if (!found) throw new Error(`neural-network.json has no ablation "${id}".`);
  return found;
}

export function lastEpoch(curve: TrainingCurve): EpochRecord {
  const last = curve.epochs.at(-1);
  if (!last) throw new Error("neural-network.json holds a training curve without epochs.");
  return last;
}

/* ── Words for settings ───────────────────────────────────────────────────────────────────────── */

const compact = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** A setting's value: whole numbers in full, others with up to three significant digits: 0.0019498 → "0.00195". */
export function setting(value: number): string {
  return Number.isInteger(value) ? int(value) : compact.format(value);
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** Scientific notation for learning rates that span ten orders of magnitude: 1.0965e-5 → "1.1 × 10⁻⁵". */
export function sci(value: number, significant = 2): string {
  if (value === 0) return "0";
  let exponent = Math.floor(Math.log10(Math.abs(value)));
  let mantissa = Number((value / 10 ** exponent).toFixed(significant - 1));
  // Rounding can carry the mantissa to 10 (9.96 → "10.0"): move it to the next power.
  if (Math.abs(mantissa) >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  const power = `10${[...String(exponent)].map((c) => SUPERSCRIPT[c] ?? c).join("")}`;
  return mantissa === 1 ? power : `${dec(mantissa, significant - 1)} × ${power}`;
}

const ACTIVATIONS: Record<NetworkConfig["activation"], string> = {
  sigmoid: "sigmoid",
  relu: "ReLU",
  tanh: "tanh",
  elu: "ELU",
};

const INITS: Record<NetworkConfig["init"], string> = {
  pytorch: "PyTorch's default",
  he: "He",
  glorot: "Glorot",
};

const BACKENDS: Record<NeuralNetworkResult["backend"]["name"], string> = {
  "node-gpu": "native TensorFlow on a CUDA GPU (tfjs-node-gpu)",
  node: "native TensorFlow on the CPU (tfjs-node)",
  wasm: "TensorFlow.js's WebAssembly backend, on one CPU core",
  cpu: "TensorFlow.js's plain JavaScript backend, on the CPU",
};

export function activationName(config: NetworkConfig): string {
  return ACTIVATIONS[config.activation];
}

/** "64 → 64" */
export function layersText(config: NetworkConfig): string {
  return config.hidden.map(String).join(" → ");
}

export function weightDecayText(config: NetworkConfig): string {
  const { mode, rate } = config.weightDecay;
  if (mode === "none" || rate === 0) return "none";
  return mode === "coupled"
    ? `${setting(rate)}, added to the gradient (an L2 penalty: Adam's weight_decay)`
    : `${setting(rate)}, decoupled from the gradient (AdamW)`;
}

export function scheduleText(config: NetworkConfig): string {
  const schedule = config.schedule;
  switch (schedule.kind) {
    case "step":
      return `multiplied by ${setting(schedule.gamma)} every ${schedule.stepSize} epochs`;
    case "cosine":
      return `cosine decay to zero over ${schedule.epochs} epochs`;
    case "constant":
      return "constant";
  }
}

export function earlyStoppingText(config: NetworkConfig): string {
  const stop = config.earlyStopping;
  if (!stop) return "none";
  return `after ${stop.patience} epochs without the validation loss improving by ${setting(stop.minDelta)}${stop.restoreBest ? "; the best epoch's weights are kept" : ""}`;
}

/** The settings of a network as rows of (setting, value): the chapter's recipe tables. */
/** How a network's inputs are prepared, in words. */
export function inputsText(config: NetworkConfig): string {
  return config.inputs.kind === "standardised"
    ? "standardised"
    : `standardised, then piecewise-linear (${config.inputs.bins} bins)`;
}

export function configEntries(config: NetworkConfig): { setting: string; value: string }[] {
  return [
    { setting: "inputs", value: inputsText(config) },
    { setting: "hidden layers (units)", value: layersText(config) },
    { setting: "activation", value: activationName(config) },
    { setting: "batch normalisation", value: config.batchNorm ? "yes" : "no" },
    { setting: "dropout", value: config.dropout === 0 ? "none" : setting(config.dropout) },
    { setting: "initial weights", value: INITS[config.init] },
    {
      setting: "class weights in the loss",
      value: config.classWeights === "balanced" ? "balanced (rare groups count more)" : "none",
    },
    { setting: "learning rate (Adam)", value: setting(config.learningRate) },
    { setting: "weight decay", value: weightDecayText(config) },
    { setting: "learning-rate schedule", value: scheduleText(config) },
    { setting: "batch size", value: String(config.batchSize) },
    { setting: "epochs at most", value: String(config.maxEpochs) },
    { setting: "early stopping", value: earlyStoppingText(config) },
  ];
}

export function backendFacts() {
  const { backend } = neuralNetwork();
  // The detail reads "wasm; passed over: node-gpu: no CUDA device; …": what was tried before the one used.
  const passedOver = backend.detail.split("; passed over: ")[1];
  return {
    name: backend.name,
    text: BACKENDS[backend.name],
    detail: backend.detail,
    passedOver: passedOver ? passedOver.split("; ") : [],
  };
}

/* ── Counting predictions ─────────────────────────────────────────────────────────────────────── */

/** How many tracks were assigned to each class: the confusion matrix's column sums. */
export function predictionCounts(metrics: ClassificationMetrics): Map<string, number> {
  return new Map(
    metrics.classes.map((label, j) => [
      label,
      metrics.confusion.reduce((sum, row) => sum + (row[j] ?? 0), 0),
    ]),
  );
}

function supportTotal(metrics: ClassificationMetrics): number {
  return metrics.perClass.reduce((sum, c) => sum + c.support, 0);
}

/* ── The seed's network, reproduced ───────────────────────────────────────────────────────────── */

/** Epochs at which a learning-rate schedule lowered the rate. */
function rateDrops(curve: TrainingCurve): number[] {
  return curve.epochs
    .filter((e, i) => i > 0 && e.learningRate < (curve.epochs[i - 1]?.learningRate ?? 0))
    .map((e) => e.epoch);
}

export function reproductionFacts() {
  const r = neuralNetwork();
  const repro = r.seedReproduction;
  const epochs = repro.training.epochs;
  const first = epochs[0];
  const last = lastEpoch(repro.training);
  if (!first) throw new Error("neural-network.json: the reproduction has no epochs.");
  const classes = repro.validation.classes.length;
  const validationAccuracies = epochs.map((e) => e.validationAccuracy);
  const byRecall = [...repro.validation.perClass].sort((a, b) => b.recall - a.recall);
  const predicted = predictionCounts(repro.validation);
  const third = epochs[Math.min(2, epochs.length - 1)] ?? last;
  return {
    repro,
    config: repro.config,
    seed: repro.seed,
    classes,
    inputs: r.features.length,
    stoppedAt: repro.training.stoppedEarlyAt ?? last.epoch,
    bestEpoch: repro.training.bestEpoch,
    /** Cross entropy of a network that gives every class the same probability: ln K. */
    uniformLoss: Math.log(classes),
    firstTrainLoss: first.trainLoss,
    lastTrainLoss: last.trainLoss,
    /** The share of the training loss's whole fall that happened in the first three epochs. */
    earlyDropShare: (first.trainLoss - third.trainLoss) / (first.trainLoss - last.trainLoss),
    validationLow: Math.min(...validationAccuracies),
    validationHigh: Math.max(...validationAccuracies),
    rateDrops: rateDrops(repro.training),
    /** With balanced class weights, the loss rewards the mean recall (balanced accuracy), not accuracy. */
    balancedAccuracy: repro.validation.macro.recall,
    highRecall: byRecall.slice(0, 2).map((c) => ({ ...c, predicted: predicted.get(c.label) ?? 0 })),
    testAccuracy: repro.test.accuracy,
  };
}

/* ── The learning-rate range test ─────────────────────────────────────────────────────────────── */

/** From this learning rate up, the chapter reads the range test's curve as "the rates Adam is used with". */
export const USEFUL_LR_FROM = 1e-6;

export function lrTestFacts() {
  const repro = neuralNetwork().seedReproduction;
  const test = repro.lrRangeTest;
  const suggestions = test.repeats.flatMap((r) => (r.suggestedLr === null ? [] : [r.suggestedLr]));
  const low = Math.min(...suggestions);
  const high = Math.max(...suggestions);
  const useful = test.points.filter((p) => p.lr >= USEFUL_LR_FROM).map((p) => p.loss);
  return {
    test,
    seedLr: repro.seed.learningRate,
    repeats: test.repeats.length,
    lowest: low,
    highest: high,
    /** How many powers of ten the repeats' suggestions span. */
    ordersOfMagnitude: Math.log10(high / low),
    usefulLossLow: Math.min(...useful),
    usefulLossHigh: Math.max(...useful),
    uniformLoss: Math.log(repro.validation.classes.length),
  };
}

/* ── The seed's classification report, read correctly ────────────────────────────────────────── */

export function seedReportFacts() {
  const total = SEED_NN_REPORT.reduce((sum, c) => sum + c.support, 0);
  const predictionsTotal = Object.values(SEED_NN_PREDICTIONS).reduce((a, b) => a + b, 0);
  if (predictionsTotal !== total)
    throw new Error(
      `The seed's prediction counts (${predictionsTotal}) do not add up to its report (${total}).`,
    );
  const largestValidation = [...SEED_NN_REPORT].sort((a, b) => b.support - a.support)[0];
  const byTraining = [...SEED_NN_CLASS_COUNTS].sort((a, b) => b.trainingRows - a.trainingRows);
  const rank = (label: string) => byTraining.findIndex((c) => c.label === label) + 1;
  const recallClasses = SEED_NN_PROSE.recallClasses.map((label) => {
    const row = SEED_NN_REPORT.find((c) => c.label === label);
    const predicted = SEED_NN_PREDICTIONS[label];
    if (!row || predicted === undefined) throw new Error(`The seed's report has no row for ${label}.`);
    // The report rounds recall to two decimals; recall × support recovers the correct predictions to ±0.005·support.
    const correct = Math.round(row.recall * row.support);
    return {
      ...row,
      predicted,
      correct,
      precisionFromCounts: correct / predicted,
      shareOfPredictions: predicted / predictionsTotal,
    };
  });
  const unpredicted = SEED_NN_REPORT.filter((c) => (SEED_NN_PREDICTIONS[c.label] ?? 0) === 0);
  return {
    prose: SEED_NN_PROSE,
    report: SEED_NN_REPORT,
    total,
    majority: { label: largestValidation?.label ?? "", share: (largestValidation?.support ?? 0) / total },
    recallClasses,
    largestTraining: byTraining[0],
    smallestTraining: byTraining.at(-1),
    unpredicted: unpredicted.map((c) => ({
      label: c.label,
      rank: rank(c.label),
      trainingRows: SEED_NN_CLASS_COUNTS.find((k) => k.label === c.label)?.trainingRows ?? 0,
    })),
    classCount: SEED_NN_CLASS_COUNTS.length,
    /** The macro precision the seed printed, and what it is once never-predicted classes count 0, not 1. */
    macroPrecisionPrinted: SEED_NN_REPORT.reduce((s, c) => s + c.precision, 0) / SEED_NN_REPORT.length,
    macroPrecisionZero:
      SEED_NN_REPORT.reduce((s, c) => s + ((SEED_NN_PREDICTIONS[c.label] ?? 0) === 0 ? 0 : c.precision), 0) /
      SEED_NN_REPORT.length,
  };
}

/* ── Why 17 %: the ablations ──────────────────────────────────────────────────────────────────── */

/** Below this output spread a network gives (almost) every track the same prediction. */
export const COLLAPSED_SPREAD = 0.01;

export function ablationFacts() {
  const r = neuralNetwork();
  const summary = (run: Ablation) => {
    const last = lastEpoch(run.training);
    return {
      id: run.id,
      change: run.change,
      config: run.config,
      accuracy: run.validation.accuracy,
      weightNorm: last.weightNorm,
      outputSpread: last.outputSpread,
      loss: last.validationLoss,
    };
  };
  const seed = summary(ablation("seed"));
  const noDecay = summary(ablation("no-weight-decay"));
  const decoupled = summary(ablation("decoupled-weight-decay"));
  const relu = summary(ablation("relu"));
  const unweightedRun = ablation("unweighted-loss");
  const unweighted = summary(unweightedRun);
  const constant = [...unweightedRun.validation.perClass].sort((a, b) => b.recall - a.recall)[0];
  const trainRows = r.seedReproduction.protocol.train;
  const { learningRate, batchSize, weightDecay } = r.seedReproduction.config;
  const steps = Math.ceil(trainRows / batchSize) * r.ablations.epochs;
  return {
    epochs: r.ablations.epochs,
    runs: r.ablations.runs.map(summary),
    seed,
    noDecay,
    decoupled,
    relu,
    unweighted,
    decayRate: weightDecay.rate,
    /**
     * Adam's coupled weight decay adds rate·θ to the gradient: the gradient of the penalty (rate/2)·‖θ‖², whose
     * size at the weights each run reached is compared with the loss itself.
     */
    penaltyAt: (norm: number) => (weightDecay.rate / 2) * norm ** 2,
    /** AdamW's decoupled decay instead multiplies the weights by (1 − lr·rate) each step: this much in all. */
    decoupledShrink: (1 - learningRate * weightDecay.rate) ** steps,
    steps,
    collapsed: unweighted.outputSpread < COLLAPSED_SPREAD,
    constantClass: constant?.label ?? "",
    /** Whether the collapsed network answers that one class for every validation track (its accuracy is the class's share). */
    constantOnly:
      (predictionCounts(unweightedRun.validation).get(constant?.label ?? "") ?? 0) ===
      supportTotal(unweightedRun.validation),
    constantShare: (constant?.support ?? 0) / supportTotal(unweightedRun.validation),
  };
}

/* ── The search and the chosen network ────────────────────────────────────────────────────────── */

function sameExcept(a: NetworkConfig, b: NetworkConfig, key: keyof NetworkConfig): boolean {
  const strip = (c: NetworkConfig) => JSON.stringify({ ...c, [key]: null });
  return JSON.stringify(a[key]) !== JSON.stringify(b[key]) && strip(a) === strip(b);
}

/**
 * Two candidates whose settings differ in `key` alone: `base` has the chosen network's value of `key`, `changed`
 * another. The effect of that one change, if the search holds such a pair.
 */
export function singleChange(key: keyof NetworkConfig): { changed: Candidate; base: Candidate } | undefined {
  const { candidates, chosen } = nnSearch();
  const chosenValue = JSON.stringify(candidates.find((c) => c.id === chosen)?.config[key]);
  for (const base of candidates.filter((c) => JSON.stringify(c.config[key]) === chosenValue)) {
    const changed = candidates.find((c) => sameExcept(c.config, base.config, key));
    if (changed) return { changed, base };
  }
  return undefined;
}

/** The two candidates that differ in their inputs alone, as standardised and piecewise-linear. */
function inputsEffect(): { standardised: Candidate; piecewise: Candidate } | undefined {
  const pair = singleChange("inputs");
  if (!pair) return undefined;
  const baseIsStandardised = pair.base.config.inputs.kind === "standardised";
  return baseIsStandardised
    ? { standardised: pair.base, piecewise: pair.changed }
    : { standardised: pair.changed, piecewise: pair.base };
}

export function searchFacts() {
  const search = nnSearch();
  const ranked = [...search.candidates].sort((a, b) => b.validationAccuracy - a.validationAccuracy);
  const chosen = search.candidates.find((c) => c.id === search.chosen);
  if (!chosen)
    throw new Error(`neural-network.json: the chosen network "${search.chosen}" is not a candidate.`);
  return {
    search,
    ranked,
    chosen,
    chosenIsBest: ranked[0]?.id === chosen.id,
    worst: ranked.at(-1),
    classWeights: singleChange("classWeights"),
    dropout: singleChange("dropout"),
    inputs: inputsEffect(),
    activation: singleChange("activation"),
  };
}

export function finalFacts() {
  const r = neuralNetwork();
  const superRandom = nnEvaluation("seed-random", "super-genre");
  const superGrouped = nnEvaluation(HEADLINE, "super-genre");
  const genreRandom = nnEvaluation("seed-random", "genre");
  const genreGrouped = nnEvaluation(HEADLINE, "genre");
  const top = (e: ClassifierEvaluation, k: number) => {
    const found = e.test.topK.find((t) => t.k === k);
    if (!found) throw new Error(`neural-network.json records no top-${k} accuracy.`);
    return found.accuracy;
  };
  const curves = r.final.runs.map((run) => run.training);
  return {
    config: finalConfig(),
    /** Most epochs of the final training (the same on every split). */
    maxEpochs: finalConfig().maxEpochs,
    /** Each protocol's own search's choice. */
    chosenByProtocol: r.searches.map((x) => ({ protocol: x.protocol, chosen: x.chosen })),
    superRandom,
    superGrouped,
    genreRandom,
    genreGrouped,
    top,
    genres: genreRandom.test.classes.length,
    /** Training accuracy minus test accuracy, largest over both tasks and splits: how much the network overfits. */
    largestTrainTestGap: Math.max(
      ...[superRandom, superGrouped, genreRandom, genreGrouped].map(
        (e) => (e.trainAccuracy ?? e.test.accuracy) - e.test.accuracy,
      ),
    ),
    ranAllEpochs: curves.every((c) => c.stoppedEarlyAt === null),
    bestAtLastEpoch: curves.every((c) => c.bestEpoch === lastEpoch(c).epoch),
    gainOverReproduction: superRandom.test.accuracy - r.seedReproduction.test.accuracy,
    /** The largest difference in test accuracy between the random and the recording-grouped split, over both tasks. */
    splitDifference: Math.max(
      Math.abs(superRandom.test.accuracy - superGrouped.test.accuracy),
      Math.abs(genreRandom.test.accuracy - genreGrouped.test.accuracy),
    ),
  };
}

/**
 * The network against the random forest on one task, split by split (test accuracy): the bar for a
 * network that earns its place is the forest's accuracy on every split.
 */
export function networkVersusForest(task: Task) {
  const splits = PROTOCOLS.map((protocol) => {
    const network = nnEvaluation(protocol, task).test.accuracy;
    const forest = evaluation("random-forest", protocol, task).test.accuracy;
    return { protocol, network, forest, ahead: network >= forest };
  });
  return { splits, aheadEverywhere: splits.every((s) => s.ahead), aheadOn: splits.filter((s) => s.ahead) };
}
