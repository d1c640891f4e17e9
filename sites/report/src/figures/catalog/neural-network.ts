import { PROTOCOLS, protocolName } from "../../facts/models.ts";
import {
  ablationFacts,
  finalCurve,
  lastEpoch,
  lrTestFacts,
  neuralNetwork,
  nnEvaluation,
  reproductionFacts,
  sci,
  type TrainingCurve,
  USEFUL_LR_FROM,
} from "../../facts/neural-network.ts";
import { dec, pct } from "../../site/format.ts";
import { decColumn, intColumn, numberFormat, textColumn } from "../columns.ts";
import { confusionMatrixFigure } from "../confusion.ts";
import { smallMultiples } from "../html.ts";
import { horizontalBars } from "../kinds/bars.ts";
import { lineChart } from "../kinds/lines.ts";
import { lrRangeChart } from "../kinds/lr-range.ts";
import type { Column, FigureSpec } from "../types.ts";

/** Figures of the neural-network chapter: the range test, training curves, confusion matrices and ablations. */

/** Learning rates span ten powers of ten: the table and tooltips print them in scientific notation. */
function learningRateColumn(key: string): Column {
  return {
    key,
    label: "learning rate",
    numeric: true,
    format: (value) => (typeof value === "number" ? sci(value, 3) : String(value ?? "")),
  };
}

const lrColumn = learningRateColumn("lr");
const lossColumn = decColumn("loss", "smoothed training loss", 4);

function lrRangeFigure(): FigureSpec {
  const f = lrTestFacts();
  const { test } = f;
  const [first, ...others] = test.repeats;
  const markers = [
    ...(first?.suggestedLr != null
      ? [
          {
            group: "suggestion from this test",
            label: `suggestion, seed ${first.seed}`,
            lr: first.suggestedLr,
          },
        ]
      : []),
    ...others.flatMap((r) =>
      r.suggestedLr === null
        ? []
        : [{ group: "suggestions from repeats", label: `repeat with seed ${r.seed}`, lr: r.suggestedLr }],
    ),
    { group: "the seed's learning rate", label: "the seed's learning rate", lr: f.seedLr },
  ];
  const lr = numberFormat(lrColumn);
  return {
    id: "nn-lr-range-test",
    title: "Learning-rate range test of the seed's network",
    alt: `Line chart of the smoothed training loss over ${test.steps} training steps of batch ${test.batchSize}, as the learning rate grows from ${sci(test.minLr)} to ${sci(test.maxLr)} on a logarithmic axis. ${(test.points[0]?.loss ?? 0) < f.usefulLossLow ? "After a rise at the left while the moving average settles, the" : "The"} curve from ${sci(USEFUL_LR_FROM)} on stays between ${dec(f.usefulLossLow, 3)} and ${dec(f.usefulLossHigh, 3)}, around the ${dec(f.uniformLoss, 3)} of guessing every super-genre equally. Vertical lines mark the suggested learning rate of this test (${sci(test.suggestedLr ?? Number.NaN)}), of ${others.length} repeats from other seeds (${others.map((r) => (r.suggestedLr === null ? "none" : sci(r.suggestedLr))).join(", ")}) and the seed's own ${sci(f.seedLr, 3)}.`,
    render: () =>
      lrRangeChart({
        points: test.points,
        markers,
        groups: ["suggestion from this test", "suggestions from repeats", "the seed's learning rate"],
        dashed: ["suggestions from repeats"],
        xLabel: "learning rate",
        yLabel: "smoothed training loss",
        lrFormat: lr,
        lossFormat: numberFormat(lossColumn),
      }),
    data: {
      columns: [intColumn("step", "step"), lrColumn, lossColumn],
      rows: test.points.map((p, i) => ({ step: i + 1, lr: p.lr, loss: p.loss })),
    },
    table: {
      columns: [textColumn("what", "marked learning rate"), intColumn("seed", "seed"), lrColumn],
      rows: markers.map((m, i) => ({
        what: m.label,
        seed: i < test.repeats.length ? (test.repeats[i]?.seed ?? null) : null,
        lr: m.lr,
      })),
    },
    tableNote: `The table lists the marked learning rates; the downloads hold all ${test.points.length} points of the curve.`,
  };
}

const epochColumns: Column[] = [
  intColumn("epoch", "epoch"),
  learningRateColumn("learningRate"),
  decColumn("trainLoss", "training loss", 4),
  decColumn("validationLoss", "validation loss", 4),
  decColumn("trainAccuracy", "training accuracy", 4),
  decColumn("validationAccuracy", "validation accuracy", 4),
  decColumn("weightNorm", "weight norm", 3),
  decColumn("outputSpread", "output spread", 4),
];

function epochRows(curve: TrainingCurve) {
  return curve.epochs.map((e) => ({ ...e }));
}

function reproductionCurvesFigure(): FigureSpec {
  const f = reproductionFacts();
  const curve = f.repro.training;
  const epochs = curve.epochs;
  const last = lastEpoch(curve);
  const loss = numberFormat(decColumn("loss", "loss", 4));
  const accuracy = numberFormat(decColumn("accuracy", "accuracy", 4));
  const drops = f.rateDrops;
  return {
    id: "nn-training-curves",
    title: "Training curves of the seed's network, rebuilt",
    alt: `Two line charts over the ${epochs.length} epochs the rebuilt seed network trained${curve.stoppedEarlyAt === null ? "" : " before early stopping"}. Left, loss: training loss falls from ${dec(f.firstTrainLoss, 3)} to ${dec(f.lastTrainLoss, 3)}, ${pct(f.earlyDropShare, 0)} of that in the first three epochs, and validation loss ends at ${dec(last.validationLoss, 3)}. Right, accuracy: validation accuracy varies between ${pct(f.validationLow)} and ${pct(f.validationHigh)} from epoch to epoch, ending at ${pct(last.validationAccuracy)}.${drops.length > 0 ? ` The schedule lowers the learning rate at epoch${drops.length > 1 ? "s" : ""} ${drops.join(" and ")}.` : ""}`,
    render: () =>
      smallMultiples([
        {
          title: "Loss (class-weighted cross entropy)",
          html: lineChart({
            points: epochs.flatMap((e) => [
              { series: "training", x: e.epoch, y: e.trainLoss },
              { series: "validation", x: e.epoch, y: e.validationLoss },
            ]),
            series: ["training", "validation"],
            xLabel: "epoch",
            yLabel: "loss",
            yFormat: loss,
            xFormat: String,
            dots: true,
            width: 400,
            height: 300,
          }),
        },
        {
          title: "Accuracy",
          html: lineChart({
            points: epochs.flatMap((e) => [
              { series: "training", x: e.epoch, y: e.trainAccuracy },
              { series: "validation", x: e.epoch, y: e.validationAccuracy },
            ]),
            series: ["training", "validation"],
            xLabel: "epoch",
            yLabel: "accuracy",
            yFormat: accuracy,
            xFormat: String,
            yDomain: [0, 0.5],
            dots: true,
            width: 400,
            height: 300,
          }),
        },
      ]),
    data: { columns: epochColumns, rows: epochRows(curve) },
  };
}

function finalCurvesFigure(): FigureSpec {
  const accuracy = numberFormat(decColumn("accuracy", "accuracy", 4));
  const runs = PROTOCOLS.map((protocol) => ({ protocol, curve: finalCurve(protocol) }));
  const series = PROTOCOLS.flatMap((p) => [`training, ${protocolName(p)}`, `validation, ${protocolName(p)}`]);
  const describe = (run: (typeof runs)[number]) => {
    const last = run.curve.epochs.at(-1);
    return `on the ${protocolName(run.protocol)}: ${pct(last?.trainAccuracy ?? 0)} training, ${pct(last?.validationAccuracy ?? 0)} validation`;
  };
  const epochs = Math.max(...runs.map((run) => run.curve.epochs.length));
  return {
    id: "nn-final-curves",
    title: "Training curves of the chosen network",
    alt: `A line chart of accuracy on the genres per epoch over the ${epochs} epochs of the chosen network's training, with training and validation accuracy on the random, the track-grouped and the recording-grouped split. At the last epoch: ${runs.map(describe).join("; ")}.`,
    render: () =>
      lineChart({
        points: runs.flatMap((run) =>
          run.curve.epochs.flatMap((e) => [
            { series: `training, ${protocolName(run.protocol)}`, x: e.epoch, y: e.trainAccuracy },
            { series: `validation, ${protocolName(run.protocol)}`, x: e.epoch, y: e.validationAccuracy },
          ]),
        ),
        series,
        xLabel: "epoch",
        yLabel: "accuracy on the genres",
        yFormat: accuracy,
        xFormat: String,
        yDomain: [0, 0.5],
        dots: true,
        width: 560,
        height: 320,
      }),
    data: {
      columns: [textColumn("protocol", "split"), ...epochColumns],
      rows: runs.flatMap((run) =>
        run.curve.epochs.map((e) => ({ protocol: protocolName(run.protocol), ...e })),
      ),
    },
  };
}

function reproductionConfusionFigure(): FigureSpec {
  return confusionMatrixFigure({
    id: "nn-confusion-seed",
    title: "Confusion matrix: the seed's network, rebuilt (validation tracks)",
    model: "the rebuilt seed network",
    metrics: neuralNetwork().seedReproduction.validation,
    noun: "validation track",
  });
}

function chosenConfusionFigure(): FigureSpec {
  return confusionMatrixFigure({
    id: "nn-confusion-chosen",
    title: "Confusion matrix: the chosen network, super-genres (random split, test tracks)",
    model: "the chosen network",
    metrics: nnEvaluation("seed-random", "super-genre").test,
    noun: "test track",
  });
}

function ablationsFigure(): FigureSpec {
  const f = ablationFacts();
  const accuracy = decColumn("accuracy", "validation accuracy", 4);
  const norm = decColumn("weightNorm", "weight norm", 3);
  const spread = decColumn("outputSpread", "output spread", 4);
  const fixes = [f.noDecay, f.decoupled, f.relu].map((r) => r.accuracy);
  const panel = (
    title: string,
    column: Column,
    value: (r: (typeof f.runs)[number]) => number,
    text: (v: number) => string,
  ) => ({
    title,
    html: horizontalBars({
      bars: f.runs.map((r) => ({ label: r.id, value: value(r), note: r.change })),
      valueLabel: column.label,
      valueFormat: text,
      tipFormat: numberFormat(column),
      keepOrder: true,
      width: 300,
    }),
  });
  return {
    id: "nn-ablations",
    title: `What held the seed's network back: one change at a time, after ${f.epochs} epochs`,
    alt: `Three bar charts comparing the seed's settings with ${f.runs.length - 1} variants that each change one thing, all trained ${f.epochs} epochs from the same starting weights. Validation accuracy, weight norm and output spread: ${f.runs.map((r) => `${r.id} ${pct(r.accuracy)}, ${dec(r.weightNorm, 1)}, ${dec(r.outputSpread, 2)}`).join("; ")}. Dropping or decoupling the weight decay, or switching to ReLU, lifts validation accuracy from ${pct(f.seed.accuracy)} to between ${pct(Math.min(...fixes))} and ${pct(Math.max(...fixes))}${f.collapsed ? `; removing the class weights under the same decay makes the network give every track the same answer (output spread ${dec(f.unweighted.outputSpread, 2)})` : ""}.`,
    render: () =>
      smallMultiples([
        panel(
          "Validation accuracy",
          accuracy,
          (r) => r.accuracy,
          (v) => pct(v, 1),
        ),
        panel(
          "Weight norm ‖θ‖",
          norm,
          (r) => r.weightNorm,
          (v) => dec(v, 1),
        ),
        panel(
          "Output spread",
          spread,
          (r) => r.outputSpread,
          (v) => dec(v, 2),
        ),
      ]),
    data: {
      columns: [
        textColumn("id", "run"),
        textColumn("change", "change from the seed's settings"),
        accuracy,
        norm,
        spread,
        decColumn("loss", "validation loss", 4),
      ],
      rows: f.runs.map((r) => ({
        id: r.id,
        change: r.change,
        accuracy: r.accuracy,
        weightNorm: r.weightNorm,
        outputSpread: r.outputSpread,
        loss: r.loss,
      })),
    },
  };
}

export function figures(): FigureSpec[] {
  return [
    lrRangeFigure(),
    reproductionCurvesFigure(),
    reproductionConfusionFigure(),
    ablationsFigure(),
    finalCurvesFigure(),
    chosenConfusionFigure(),
  ];
}
