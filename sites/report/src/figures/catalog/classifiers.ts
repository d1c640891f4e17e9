import type { ClassifierEvaluation } from "@spotiflies/models/results";
import { modelResult } from "../../data/models.ts";
import { result } from "../../data/results.ts";
import { comparisonRows } from "../../facts/model-tables.ts";
import {
  type ClassifierName,
  evaluation,
  PROTOCOLS,
  type Protocol,
  protocolName,
  topK,
} from "../../facts/models.ts";
import { feature } from "../../site/features.ts";
import { dec, pct } from "../../site/format.ts";
import { decColumn, intColumn, numberFormat, textColumn } from "../columns.ts";
import { confusionMatrixFigure } from "../confusion.ts";
import { smallMultiples } from "../html.ts";
import { horizontalBars } from "../kinds/bars.ts";
import { dotPlot } from "../kinds/dots.ts";
import { lineChart } from "../kinds/lines.ts";
import { binScores, scoreHistogram } from "../kinds/score-histogram.ts";
import type { FigureSpec } from "../types.ts";

/** Figures of the classification chapters: logistic regression, trees, forests, KNN and the comparison. */

const MODEL_NAMES: Record<ClassifierName, string> = {
  "logistic-regression": "logistic regression",
  "decision-tree": "decision tree",
  "random-forest": "random forest",
  "gradient-boosting": "gradient-boosted trees",
  knn: "KNN",
};

export function confusionId(model: ClassifierName, scaling?: "none" | "standard"): string {
  return `confusion-${model}${scaling ? `-${scaling === "none" ? "unscaled" : "scaled"}` : ""}`;
}

function confusionFigure(model: ClassifierName, scaling?: "none" | "standard"): FigureSpec {
  const name = `${MODEL_NAMES[model]}${scaling ? (scaling === "none" ? ", unscaled" : ", scaled") : ""}`;
  return confusionMatrixFigure({
    id: confusionId(model, scaling),
    title: `Confusion matrix: ${name}, super-genres (random split)`,
    model: `the ${name}`,
    metrics: evaluation(model, "seed-random", "super-genre", scaling).test,
    noun: "test track",
  });
}

function rocFigure(): FigureSpec {
  const e = evaluation("logistic-regression", "seed-random", "super-genre");
  const roc = e.test.roc;
  if (!roc) throw new Error("logistic-regression.json has no ROC curves.");
  const curves = [...roc.curves].sort((a, b) => b.auc - a.auc);
  const rows = curves.flatMap((c) =>
    c.fpr.map((fpr, i) => ({ superGenre: c.label, auc: c.auc, fpr, tpr: c.tpr[i] ?? 0 })),
  );
  const seriesName = (c: (typeof curves)[number]) => `${c.label} (AUC ${dec(c.auc, 2)})`;
  const fpr = decColumn("fpr", "false positive rate", 4);
  const tpr = decColumn("tpr", "true positive rate", 4);
  return {
    id: "logistic-roc",
    title: "One-vs-rest ROC curves of the logistic regression",
    alt: `ROC curves, one per super-genre, plotting the share of that super-genre's test tracks caught (true positive rate) against the share of other tracks wrongly flagged (false positive rate) as the probability threshold falls. Areas under the curves: ${curves.map((c) => `${c.label} ${dec(c.auc, 2)}`).join(", ")}; their mean is ${dec(roc.macroAuc, 2)}. ${curves.every((c) => c.auc > 0.5) ? "Every curve lies above the diagonal that marks guessing." : "Some curves fall below the diagonal that marks guessing."}`,
    render: () =>
      lineChart({
        points: rows.map((r) => {
          const curve = curves.find((c) => c.label === r.superGenre);
          return { series: curve ? seriesName(curve) : r.superGenre, x: r.fpr, y: r.tpr };
        }),
        series: curves.map(seriesName),
        xLabel: "false positive rate",
        yLabel: "true positive rate",
        xDomain: [0, 1],
        yDomain: [0, 1],
        xFormat: numberFormat(fpr),
        yFormat: numberFormat(tpr),
        diagonal: true,
        width: 560,
        height: 440,
      }),
    data: {
      columns: [textColumn("superGenre", "super-genre"), decColumn("auc", "AUC", 4), fpr, tpr],
      rows,
    },
    table: {
      columns: [textColumn("superGenre", "super-genre"), decColumn("auc", "area under the ROC curve", 3)],
      rows: curves.map((c) => ({ superGenre: c.label, auc: c.auc })),
    },
    tableNote: "The table lists each curve's area; the downloads hold every point of the (thinned) curves.",
  };
}

function featureName(column: string): string {
  // One-hot columns ("key_7", "mode_1") keep their encoded names.
  return /_\d+$/.test(column) ? column : feature(column).label;
}

function permutationImportanceFigure(model: ClassifierName, id: string, limit?: number): FigureSpec {
  const e = evaluation(model, "seed-random", "super-genre");
  const importance = e.permutationImportance;
  if (!importance) throw new Error(`${model}.json has no permutation importance.`);
  const sorted = [...importance].sort((a, b) => b.mean - a.mean);
  const shown = limit ? sorted.slice(0, limit) : sorted;
  const mean = decColumn("mean", "mean drop in accuracy", 4);
  const std = decColumn("std", "standard deviation", 4);
  return {
    id,
    title: `Permutation importance: ${MODEL_NAMES[model]}`,
    alt: `Bar chart of how much the ${MODEL_NAMES[model]}'s test accuracy drops when one feature's values are shuffled${limit ? `, for the ${limit} most important of its ${sorted.length} input columns` : ""}. Largest drops: ${sorted
      .slice(0, 4)
      .map((i) => `${featureName(i.feature)} ${dec(i.mean, 3)}`)
      .join(
        ", ",
      )}. ${sorted.filter((i) => i.mean <= 0.001).length} columns change accuracy by 0.001 or less.`,
    render: () =>
      horizontalBars({
        bars: shown.map((i) => ({
          label: featureName(i.feature),
          value: i.mean,
          note: `${std.label}: ${numberFormat(std)(i.std)}`,
        })),
        valueLabel: "drop in test accuracy when the feature is shuffled",
        valueFormat: (v) => dec(v, 3),
        tipFormat: numberFormat(mean),
      }),
    data: {
      columns: [textColumn("feature", "feature"), mean, std],
      rows: sorted.map((i) => ({ feature: i.feature, mean: i.mean, std: i.std })),
    },
  };
}

function permutationTestFigure(): FigureSpec {
  const e = evaluation("logistic-regression", "seed-random", "super-genre");
  const test = e.permutationTest;
  if (!test) throw new Error("logistic-regression.json has no permutation test.");
  const bins = binScores(test.permutationScores, 10);
  const accuracy = decColumn("accuracy", "accuracy with shuffled labels", 4);
  return {
    id: "logistic-permutation-test",
    title: "Permutation test of the logistic regression",
    alt: `Histogram of the cross-validated accuracy of the logistic regression refitted on ${test.permutations} copies of the data with the super-genre labels shuffled: they range from ${dec(Math.min(...test.permutationScores), 3)} to ${dec(Math.max(...test.permutationScores), 3)}. The accuracy with the true labels, ${dec(test.score, 3)}, is marked ${test.score > Math.max(...test.permutationScores) ? "to the right of all of them" : "among them"}; the p-value is ${dec(test.pValue, 3)}.`,
    render: () =>
      scoreHistogram({
        scores: test.permutationScores,
        observed: test.score,
        observedLabel: `true labels: ${dec(test.score, 3)}`,
        xLabel: "cross-validated accuracy",
        bins: 10,
        tipFormat: numberFormat(accuracy),
      }),
    data: {
      columns: [intColumn("permutation", "permutation"), accuracy],
      rows: test.permutationScores.map((accuracy, i) => ({ permutation: i + 1, accuracy })),
    },
    table: {
      columns: [
        decColumn("x0", "accuracy from", 4),
        decColumn("x1", "accuracy to", 4),
        intColumn("count", "permutations"),
      ],
      rows: bins.map((b) => ({ ...b })),
    },
    tableNote: `The table counts the ${test.permutations} shuffled-label accuracies in bins; the downloads list each one.`,
  };
}

function importancesFigure(model: "decision-tree" | "random-forest"): FigureSpec {
  const e = evaluation(model, "seed-random", "super-genre");
  const mdi = e.featureImportance;
  const perm = e.permutationImportance;
  if (!mdi || !perm) throw new Error(`${model}.json lacks feature or permutation importances.`);
  const order = [...mdi].sort((a, b) => b.importance - a.importance).map((i) => i.feature);
  const rows = order.map((column) => ({
    feature: column,
    mdi: mdi.find((i) => i.feature === column)?.importance ?? 0,
    permutation: perm.find((i) => i.feature === column)?.mean ?? 0,
    permutationStd: perm.find((i) => i.feature === column)?.std ?? 0,
  }));
  const topPerm = [...rows].sort((a, b) => b.permutation - a.permutation);
  const mdiColumn = decColumn("mdi", "mean decrease in impurity", 4);
  const permColumn = decColumn("permutation", "permutation importance", 4);
  const stdColumn = decColumn("permutationStd", "permutation importance standard deviation", 4);
  return {
    id: `importances-${model}`,
    title: `Feature importances: ${MODEL_NAMES[model]}`,
    alt: `Two bar charts side by side for the ${MODEL_NAMES[model]}. Left, mean decrease in impurity (shares summing to 1): ${rows
      .slice(0, 4)
      .map((r) => `${feature(r.feature).label} ${dec(r.mdi, 3)}`)
      .join(", ")} lead. Right, drop in test accuracy when the feature is shuffled: ${topPerm
      .slice(0, 4)
      .map((r) => `${feature(r.feature).label} ${dec(r.permutation, 3)}`)
      .join(", ")} lead. Least important by impurity: ${rows
      .slice(-4)
      .map((r) => feature(r.feature).label)
      .join(", ")}.`,
    render: () =>
      smallMultiples([
        {
          title: "Mean decrease in impurity",
          html: horizontalBars({
            bars: rows.map((r) => ({ label: feature(r.feature).label, value: r.mdi })),
            valueLabel: "share of impurity decrease",
            valueFormat: (v) => dec(v, 3),
            tipFormat: numberFormat(mdiColumn),
            keepOrder: true,
            width: 380,
          }),
        },
        {
          title: "Permutation importance",
          html: horizontalBars({
            bars: rows.map((r) => ({
              label: feature(r.feature).label,
              value: r.permutation,
              note: `standard deviation: ${numberFormat(stdColumn)(r.permutationStd)}`,
            })),
            valueLabel: "drop in test accuracy",
            valueFormat: (v) => dec(v, 3),
            tipFormat: numberFormat(permColumn),
            keepOrder: true,
            width: 380,
          }),
        },
      ]),
    data: {
      columns: [textColumn("feature", "feature"), mdiColumn, permColumn, stdColumn],
      rows,
    },
  };
}

function knnScalingFigure(): FigureSpec {
  const rows = PROTOCOLS.flatMap((protocol) =>
    (["super-genre", "genre"] as const).flatMap((task) =>
      (["none", "standard"] as const).map((scaling) => {
        const e = evaluation("knn", protocol, task, scaling);
        return {
          protocol: protocolName(protocol),
          task: task === "genre" ? "genres" : "super-genres",
          scaling: scaling === "none" ? "unscaled" : "standard-scaled",
          accuracy: e.test.accuracy,
          macroF1: e.test.macro.f1,
        };
      }),
    ),
  );
  const label = (r: (typeof rows)[number]) => `${r.task}, ${r.protocol}`;
  const rowLabels = [...new Set(rows.map(label))];
  const accuracy = decColumn("accuracy", "test accuracy", 4);
  const macroF1 = decColumn("macroF1", "macro F1", 4);
  const describe = rowLabels.map((l) => {
    const [raw, scaled] = ["unscaled", "standard-scaled"].map(
      (s) => rows.find((r) => label(r) === l && r.scaling === s)?.accuracy ?? 0,
    );
    return `${l}: ${pct(raw ?? 0)} unscaled, ${pct(scaled ?? 0)} scaled`;
  });
  return {
    id: "knn-scaling",
    title: "KNN test accuracy with and without scaling",
    alt: `Dot plot of the five-nearest-neighbour classifier's test accuracy with the raw features and with every feature standard-scaled. ${describe.join("; ")}.`,
    render: () =>
      dotPlot({
        rows: rowLabels,
        series: ["unscaled", "standard-scaled"],
        values: rows.map((r) => ({
          row: label(r),
          series: r.scaling,
          value: r.accuracy,
          note: `${macroF1.label}: ${numberFormat(macroF1)(r.macroF1)}`,
        })),
        valueLabel: "test accuracy",
        valueFormat: (v) => pct(v, 1),
        tipFormat: numberFormat(accuracy),
        domain: [0, 0.6],
      }),
    data: {
      columns: [
        textColumn("protocol", "split"),
        textColumn("task", "predicting"),
        textColumn("scaling", "features"),
        accuracy,
        macroF1,
      ],
      rows,
    },
  };
}

function genreTopKFigure(): FigureSpec {
  const runs = [
    { model: "decision-tree", label: "decision tree" },
    { model: "knn", label: "KNN, unscaled", scaling: "none" },
    { model: "knn", label: "KNN, scaled", scaling: "standard" },
  ] as const;
  const rows = runs.flatMap((run) => {
    const e: ClassifierEvaluation = evaluation(
      run.model,
      "seed-random",
      "genre",
      "scaling" in run ? run.scaling : undefined,
    );
    return [1, 5].map((k) => ({ model: run.label, k, accuracy: topK(e, k), classes: e.test.classes.length }));
  });
  const classes = rows[0]?.classes ?? 0;
  const accuracy = decColumn("accuracy", "top-k test accuracy", 4);
  return {
    id: "genre-top-k",
    title: `Predicting all ${classes} genres: top-1 and top-5 accuracy`,
    alt: `Dot plot of top-1 and top-5 test accuracy on the ${classes} genres (random split): ${rows.map((r) => `${r.model} top-${r.k} ${pct(r.accuracy)}`).join(", ")}. Guessing would give ${pct(1 / classes)} top-1 and ${pct(5 / classes)} top-5.`,
    render: () =>
      dotPlot({
        rows: runs.map((r) => r.label),
        series: ["top-1", "top-5"],
        values: rows.map((r) => ({ row: r.model, series: `top-${r.k}`, value: r.accuracy })),
        valueLabel: "test accuracy",
        valueFormat: (v) => pct(v, 1),
        tipFormat: numberFormat(accuracy),
        domain: [0, 0.6],
        reference: { value: 5 / classes, label: "top-5 by chance" },
      }),
    data: {
      columns: [textColumn("model", "model"), intColumn("k", "k"), accuracy, intColumn("classes", "genres")],
      rows,
    },
  };
}

function forestDepthFigure(): FigureSpec {
  const search = modelResult("random-forest").search;
  if (!search) throw new Error("random-forest.json records no grid search.");
  const rows = search.results.map((r) => ({
    maxDepth: r.params.max_depth === null ? "none" : String(r.params.max_depth),
    trees: Number(r.params.n_estimators ?? 0),
    mean: r.mean,
    std: r.std,
  }));
  const best = [...rows].sort((a, b) => b.mean - a.mean)[0];
  const mean = decColumn("mean", "mean CV accuracy", 4);
  const std = decColumn("std", "standard deviation", 4);
  return {
    id: "forest-depth-search",
    title: "Random forest: cross-validated accuracy by maximum depth",
    alt: `Bar chart of the random forest's mean cross-validated accuracy for each maximum depth searched (${rows.map((r) => `depth ${r.maxDepth}: ${pct(r.mean)}`).join(", ")}); depth ${best?.maxDepth} scores best.`,
    render: () =>
      horizontalBars({
        bars: rows.map((r) => ({
          label: `depth ${r.maxDepth}`,
          value: r.mean,
          note: `${std.label}: ${numberFormat(std)(r.std)}`,
        })),
        valueLabel: "mean cross-validated accuracy",
        valueFormat: (v) => pct(v, 1),
        tipFormat: numberFormat(mean),
        keepOrder: true,
        width: 560,
      }),
    data: {
      columns: [
        textColumn("maxDepth", "maximum depth"),
        intColumn("trees", "trees during the search"),
        mean,
        std,
      ],
      rows,
    },
  };
}

function comparisonFigure(): FigureSpec {
  const rows = comparisonRows();
  const label = (r: (typeof rows)[number]) => `${r.model} · ${r.task}`;
  const biggest = [...rows].sort((a, b) => b.gap - a.gap)[0];
  const randomAccuracy = decColumn("randomAccuracy", "accuracy, random split", 4);
  const accuracyOn: Record<Protocol, (r: (typeof rows)[number]) => number> = {
    "seed-random": (r) => r.randomAccuracy,
    "track-grouped": (r) => r.trackAccuracy,
    "recording-grouped": (r) => r.headlineAccuracy,
  };
  return {
    id: "model-comparison",
    title: "Test accuracy of every classifier on the three splits",
    alt: `Dot plot of test accuracy for each classifier and task on the seed's random split, the track-grouped split and the recording-grouped split. ${rows
      .map(
        (r) => `${label(r)}: ${pct(r.randomAccuracy)}, ${pct(r.trackAccuracy)}, ${pct(r.headlineAccuracy)}`,
      )
      .join(
        "; ",
      )}. The largest drop from the random to the recording-grouped split is ${biggest ? `${label(biggest)}, ${dec(biggest.gap * 100, 1)} percentage points` : "none"}.`,
    render: () =>
      dotPlot({
        rows: rows.map(label),
        series: PROTOCOLS.map(protocolName),
        values: rows.flatMap((r) =>
          PROTOCOLS.map((p) => ({ row: label(r), series: protocolName(p), value: accuracyOn[p](r) })),
        ),
        valueLabel: "test accuracy",
        tipFormat: numberFormat(randomAccuracy),
        domain: [0, 0.6],
        width: 720,
      }),
    data: {
      columns: [
        textColumn("model", "model"),
        textColumn("task", "predicting"),
        randomAccuracy,
        decColumn("trackAccuracy", "accuracy, track-grouped split", 4),
        decColumn("headlineAccuracy", "accuracy, recording-grouped split", 4),
        decColumn("trackLeak", "lost: random → track", 4),
        decColumn("recordingLeak", "lost: track → recording", 4),
        decColumn("randomMacroF1", "macro F1, random split", 4),
        decColumn("headlineMacroF1", "macro F1, recording-grouped split", 4),
      ],
      rows: rows.map(({ seedAccuracy: _seed, headlineTop5: _top5, id: _id, ...rest }) => rest),
    },
  };
}

function timingsFigure(): FigureSpec {
  const analysis = result("build-log");
  const models = modelResult("models-build-log");
  const rows = [
    ...analysis.stages.map((s) => ({
      package: "analysis",
      step: s.stage,
      seconds: s.seconds,
      detail: s.detail,
    })),
    ...models.models.map((m) => ({ package: "models", step: m.model, seconds: m.seconds, detail: m.detail })),
  ];
  const slowest = [...rows].sort((a, b) => b.seconds - a.seconds)[0];
  const seconds = decColumn("seconds", "seconds", 2);
  return {
    id: "build-timings",
    title: "Build time of each analysis stage and model",
    alt: `Bar chart of the seconds each step of the last build took: ${rows.map((r) => `${r.step} ${dec(r.seconds, 1)}`).join(", ")}. The analysis took ${dec(analysis.totalSeconds, 1)} s in all and the models ${dec(models.totalSeconds, 1)} s; the slowest step is ${slowest?.step}.`,
    render: () =>
      horizontalBars({
        bars: rows.map((r) => ({ label: `${r.package}: ${r.step}`, value: r.seconds, group: r.package })),
        groups: ["analysis", "models"],
        valueLabel: "seconds",
        valueFormat: (v) => dec(v, 1),
        tipFormat: numberFormat(seconds),
        keepOrder: true,
      }),
    data: {
      columns: [
        textColumn("package", "package"),
        textColumn("step", "stage or model"),
        seconds,
        textColumn("detail", "detail"),
      ],
      rows,
    },
  };
}

export function figures(): FigureSpec[] {
  return [
    confusionFigure("logistic-regression"),
    rocFigure(),
    permutationImportanceFigure("logistic-regression", "logistic-permutation-importance", 20),
    permutationTestFigure(),
    confusionFigure("decision-tree"),
    confusionFigure("random-forest"),
    confusionFigure("knn", "none"),
    confusionFigure("knn", "standard"),
    importancesFigure("decision-tree"),
    importancesFigure("random-forest"),
    forestDepthFigure(),
    knnScalingFigure(),
    genreTopKFigure(),
    comparisonFigure(),
    timingsFigure(),
  ];
}
