import {
  GENRE_MODEL_NAMES,
  type GenreModelId,
  genreModel,
  genreModelTest,
  topKOf,
} from "../../facts/genre-model.ts";
import { evaluation, HEADLINE, type PROTOCOLS, protocolName, taskName } from "../../facts/models.ts";
import { nnEvaluation } from "../../facts/neural-network.ts";
import { pct } from "../../site/format.ts";
import { decColumn, intColumn, numberFormat, textColumn } from "../columns.ts";
import { dotPlot } from "../kinds/dots.ts";
import type { FigureSpec } from "../types.ts";

/** Figures the comparison chapter adds for the neural network and the genre model (audio only, and with artist/album). */

const MODELS: GenreModelId[] = ["audio", "audio-artist-album"];

/** Every model's top-1 and top-5 accuracy on the 114 genres, on the headline (recording-grouped) split. */
function genreTopKComparison(): FigureSpec {
  const protocol = HEADLINE;
  const runs = [
    { model: "logistic regression", test: evaluation("logistic-regression", protocol, "genre").test },
    { model: "decision tree", test: evaluation("decision-tree", protocol, "genre").test },
    { model: "random forest", test: evaluation("random-forest", protocol, "genre").test },
    { model: "gradient-boosted trees", test: evaluation("gradient-boosting", protocol, "genre").test },
    { model: "KNN, unscaled", test: evaluation("knn", protocol, "genre", "none").test },
    { model: "KNN, scaled", test: evaluation("knn", protocol, "genre", "standard").test },
    { model: "neural network", test: nnEvaluation(protocol, "genre").test },
    {
      model: `genre forest, ${GENRE_MODEL_NAMES["audio-artist-album"]}`,
      test: genreModelTest(protocol, "genre", "audio-artist-album"),
    },
  ];
  const rows = runs.flatMap((run) =>
    [1, 5].map((k) => ({
      model: run.model,
      k,
      accuracy: topKOf(run.test, k),
      classes: run.test.classes.length,
    })),
  );
  const classes = rows[0]?.classes ?? 0;
  const accuracy = decColumn("accuracy", "test accuracy", 4);
  return {
    id: "genre-top-k-comparison",
    title: `Every model on all ${classes} genres: top-1 and top-5 accuracy (${protocolName(protocol)})`,
    alt: `Dot plot of top-1 and top-5 test accuracy on the ${classes} genres, ${protocolName(protocol)}: ${runs
      .map(
        (run) =>
          `${run.model} ${pct(rows.find((r) => r.model === run.model && r.k === 1)?.accuracy ?? 0)} and ${pct(rows.find((r) => r.model === run.model && r.k === 5)?.accuracy ?? 0)}`,
      )
      .join(
        "; ",
      )}. Guessing would give ${pct(1 / classes)} top-1 and ${pct(5 / classes)} top-5. The last row also reads each track's artist and album, which the seed's models did not.`,
    render: () =>
      dotPlot({
        rows: runs.map((r) => r.model),
        series: ["top-1", "top-5"],
        values: rows.map((r) => ({ row: r.model, series: `top-${r.k}`, value: r.accuracy })),
        valueLabel: "test accuracy",
        valueFormat: (v) => pct(v, 1),
        tipFormat: numberFormat(accuracy),
        domain: [0, 1],
        reference: { value: 5 / classes, label: "top-5 by chance" },
        width: 760,
      }),
    data: {
      columns: [textColumn("model", "model"), intColumn("k", "k"), accuracy, intColumn("classes", "genres")],
      rows,
    },
  };
}

/** The goals for the genre model, on the seed's split and the headline split, audio only and with artist/album. */
function genreGoalsFigure(): FigureSpec {
  const result = genreModel();
  const label = (goal: (typeof result.goals)[number], protocol: (typeof PROTOCOLS)[number]) =>
    `${taskName(goal.task)} ${goal.metric}, ${protocolName(protocol)}`;
  const rows = result.goals.flatMap((goal) =>
    (["seed-random", HEADLINE] as const).flatMap((protocol) =>
      MODELS.map((id) => {
        const found = goal.results.find((r) => r.protocol === protocol && r.model === id);
        if (!found)
          throw new Error(`genre-model.json: goal ${goal.task} ${goal.metric} lacks ${protocol} ${id}.`);
        return {
          goal: label(goal, protocol),
          model: GENRE_MODEL_NAMES[id],
          value: found.value,
          threshold: goal.threshold,
          met: found.met ? "yes" : "no",
        };
      }),
    ),
  );
  const goals = [...new Set(rows.map((r) => r.goal))];
  const value = decColumn("value", "test accuracy", 4);
  const series = [...MODELS.map((id) => GENRE_MODEL_NAMES[id]), "goal"];
  return {
    id: "genre-model-goals",
    title: "The genre model against the goals, audio only and with artist and album",
    alt: `Dot plot of the genre model's test accuracy against each goal, on the seed's random split and on the recording-grouped split, for the forest on the audio features alone and for the same forest pooled with the track's artist and album. ${goals
      .map(
        (g) =>
          `${g}: goal ${pct(rows.find((r) => r.goal === g)?.threshold ?? 0, 0)}, ${rows
            .filter((r) => r.goal === g)
            .map((r) => `${r.model} ${pct(r.value)} (${r.met === "yes" ? "met" : "not met"})`)
            .join(", ")}`,
      )
      .join("; ")}.`,
    render: () =>
      dotPlot({
        rows: goals,
        series,
        values: [
          ...rows.map((r) => ({ row: r.goal, series: r.model, value: r.value, note: `goal met: ${r.met}` })),
          ...goals.map((g) => ({
            row: g,
            series: "goal",
            value: rows.find((r) => r.goal === g)?.threshold ?? 0,
          })),
        ],
        valueLabel: "test accuracy",
        // No value labels: a goal and a result a few points apart would print over each other.
        tipFormat: numberFormat(value),
        domain: [0, 1],
        width: 760,
      }),
    data: {
      columns: [
        textColumn("goal", "goal and split"),
        textColumn("model", "model"),
        value,
        decColumn("threshold", "goal", 2),
        textColumn("met", "met"),
      ],
      rows,
    },
  };
}

export function figures(): FigureSpec[] {
  return [genreTopKComparison(), genreGoalsFigure()];
}
