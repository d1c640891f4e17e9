import { decColumn, intColumn, textColumn } from "../figures/columns.ts";
import type { DataTable, Row } from "../figures/types.ts";
import { SEED_NN_PREDICTIONS, SEED_NN_REPORT } from "../seed/neural-network.ts";
import { PROTOCOLS, protocolName, taskName } from "./models.ts";
import {
  configEntries,
  finalConfig,
  finalFacts,
  inputsText,
  type NetworkConfig,
  neuralNetwork,
  nnEvaluation,
  nnSearch,
  predictionCounts,
} from "./neural-network.ts";

/** Tables of the neural-network chapter, built from neural-network.json and the seed's printouts. */

/** The seed's recipe (as rebuilt) beside the chosen network's, setting by setting. */
export function recipeTable(): DataTable {
  const r = neuralNetwork();
  const seed = configEntries(r.seedReproduction.config);
  const chosen = configEntries(finalConfig());
  return {
    columns: [
      textColumn("setting", "setting"),
      textColumn("seed", "the seed's network, as rebuilt"),
      textColumn("chosen", "the network chosen by the search"),
    ],
    rows: seed.map((entry, i) => ({
      setting: entry.setting,
      seed: entry.value,
      chosen: chosen[i]?.value ?? "",
    })),
  };
}

/** The seed's validation report beside the reproduction's, with how many tracks each predicted per class. */
export function seedReportTable(): DataTable {
  const validation = neuralNetwork().seedReproduction.validation;
  const predicted = predictionCounts(validation);
  return {
    columns: [
      textColumn("label", "super-genre"),
      intColumn("seedPredicted", "seed: tracks predicted"),
      decColumn("seedPrecision", "seed: precision", 2),
      decColumn("seedRecall", "seed: recall", 2),
      intColumn("seedSupport", "seed: tracks"),
      intColumn("predicted", "rebuild: tracks predicted"),
      decColumn("precision", "rebuild: precision", 2),
      decColumn("recall", "rebuild: recall", 2),
      intColumn("support", "rebuild: tracks"),
    ],
    rows: SEED_NN_REPORT.map((s) => {
      const here = validation.perClass.find((c) => c.label === s.label);
      return {
        label: s.label,
        seedPredicted: SEED_NN_PREDICTIONS[s.label] ?? null,
        seedPrecision: s.precision,
        seedRecall: s.recall,
        seedSupport: s.support,
        predicted: predicted.get(s.label) ?? null,
        precision: here?.precision ?? null,
        recall: here?.recall ?? null,
        support: here?.support ?? null,
      };
    }),
  };
}

/** The candidates' settings that differ between them, as table columns (the others are shared). */
const VARYING: { key: keyof NetworkConfig; label: string; value: (c: NetworkConfig) => string }[] = [
  { key: "inputs", label: "inputs", value: inputsText },
  { key: "hidden", label: "hidden units", value: (c) => c.hidden.join(" → ") },
  { key: "activation", label: "activation", value: (c) => c.activation },
  { key: "batchNorm", label: "batch norm", value: (c) => (c.batchNorm ? "yes" : "no") },
  { key: "dropout", label: "dropout", value: (c) => String(c.dropout) },
  { key: "init", label: "initial weights", value: (c) => c.init },
  { key: "classWeights", label: "class weights", value: (c) => c.classWeights },
  { key: "learningRate", label: "learning rate", value: (c) => String(c.learningRate) },
  { key: "batchSize", label: "batch", value: (c) => String(c.batchSize) },
];

/** Settings every candidate shares, as "setting: value" (for the search table's caption). */
export function sharedSearchSettings(): string[] {
  const configs = nnSearch().candidates.map((c) => configEntries(c.config));
  const first = configs[0] ?? [];
  return first
    .filter((entry, i) => configs.every((entries) => entries[i]?.value === entry.value))
    .map((entry) => `${entry.setting}: ${entry.value}`);
}

export function searchTable(): DataTable {
  const { candidates, chosen } = nnSearch();
  const varying = VARYING.filter((v) => new Set(candidates.map((c) => v.value(c.config))).size > 1);
  return {
    columns: [
      textColumn("id", "candidate"),
      ...varying.map((v) => textColumn(v.key, v.label)),
      intColumn("parameters", "weights"),
      decColumn("validationAccuracy", "validation accuracy (super-genres, summed)", 3),
      decColumn("validationLoss", "validation loss (genres)", 3),
      textColumn("chosen", "chosen"),
    ],
    rows: candidates.map((c) => ({
      id: c.id,
      ...Object.fromEntries(varying.map((v) => [v.key, v.value(c.config)])),
      parameters: c.parameters,
      validationAccuracy: c.validationAccuracy,
      validationLoss: c.validationLoss,
      chosen: c.id === chosen ? "yes" : "",
    })),
  };
}

/** The chosen network on both tasks and the three splits (its super-genre answers sum its genre probabilities). */
export function finalResultsTable(): DataTable {
  const f = finalFacts();
  const rows: Row[] = (["super-genre", "genre"] as const).flatMap((task) =>
    PROTOCOLS.map((protocol) => {
      const e = nnEvaluation(protocol, task);
      return {
        task: task === "super-genre" ? `${taskName(task)}, summed from the genres` : taskName(task),
        protocol: protocolName(protocol),
        train: e.trainAccuracy ?? null,
        validation: e.validationAccuracy ?? null,
        top1: f.top(e, 1),
        top5: f.top(e, 5),
        macroF1: e.test.macro.f1,
      };
    }),
  );
  return {
    columns: [
      textColumn("task", "predicting"),
      textColumn("protocol", "split"),
      decColumn("train", "training accuracy", 3),
      decColumn("validation", "validation accuracy", 3),
      decColumn("top1", "test accuracy (top-1)", 3),
      decColumn("top5", "test top-5 accuracy", 3),
      decColumn("macroF1", "test macro F1", 3),
    ],
    rows,
  };
}
