import { HEADLINE, protocolName } from "../../facts/models.ts";
import { energyFacts, sweepFacts } from "../../facts/regression.ts";
import { feature } from "../../site/features.ts";
import { dec, sig } from "../../site/format.ts";
import { decColumn, intColumn, numberFormat, sigColumn, textColumn } from "../columns.ts";
import { smallMultiples } from "../html.ts";
import { horizontalBars } from "../kinds/bars.ts";
import { lineChart } from "../kinds/lines.ts";
import { compactMatrix, labelledMatrix } from "../kinds/matrix.ts";
import type { FigureSpec } from "../types.ts";

/** Figures of the chapter "Regression": the energy model and the per-group response sweeps. */

/** Validation R² classes: below 0 (worse than predicting the mean), then up to 0.9 and above. */
const R2_THRESHOLDS = [0, 0.2, 0.4, 0.6, 0.8, 0.9];

function selectionTraceFigure(): FigureSpec {
  const f = energyFacts();
  const rows = [f.seed, f.grouped].flatMap((e) =>
    e.result.cvScores.map((score, i) => ({
      protocol: protocolName(e.protocol.protocol),
      step: i + 1,
      added: e.result.selected[i] ?? "",
      cvR2: score,
    })),
  );
  const seedRows = rows.filter((r) => r.protocol === protocolName("seed-random"));
  const step = intColumn("step", "features in the model");
  const cvR2 = decColumn("cvR2", "cross-validated R²", 4);
  return {
    id: "energy-selection-trace",
    title: "Forward selection for energy: cross-validated R² after each step",
    alt: `Line chart of the cross-validated R² of the energy model as forward selection adds one feature at a time, for the random and the recording-grouped split. On the random split it rises from ${dec(f.firstCv, 3)} with ${feature(f.firstFeature).label} alone to ${dec(f.lastCv, 3)} with ${f.order.length} features; the features are added in the order ${f.order.map((t) => feature(t).label).join(", ")}. The two splits' lines almost coincide.`,
    render: () =>
      lineChart({
        points: rows.map((r) => ({
          series: r.protocol,
          x: r.step,
          y: r.cvR2,
          ...(r.protocol === protocolName("seed-random") ? { label: `+ ${feature(r.added).label}` } : {}),
        })),
        series: [protocolName("seed-random"), protocolName(HEADLINE)],
        xLabel: "features in the model",
        yLabel: "cross-validated R²",
        dots: true,
        integerX: true,
        xFormat: numberFormat(step),
        yFormat: numberFormat(cvR2),
        xDomain: [0.8, seedRows.length + 0.2],
        height: 320,
      }),
    data: {
      columns: [textColumn("protocol", "split"), step, textColumn("added", "feature added"), cvR2],
      rows,
    },
  };
}

function coefficientsFigure(): FigureSpec {
  const f = energyFacts();
  const rows = f.standardised.map((s) => ({
    feature: s.term,
    coefficient: s.coefficient,
    std: s.std,
    perStd: s.perStd,
  }));
  const sorted = [...rows].sort((a, b) => Math.abs(b.perStd) - Math.abs(a.perStd));
  const coefficient = sigColumn("coefficient", "coefficient (per unit of the feature)", 4);
  const perStd = decColumn("perStd", "change in energy per standard deviation", 4);
  return {
    id: "energy-coefficients",
    title: "The linear energy model's coefficients",
    alt: `Bar chart of how much predicted energy changes when each selected feature rises by one standard deviation, the others held fixed: ${sorted.map((r) => `${feature(r.feature).label} ${dec(r.perStd, 3)}`).join(", ")}. Bars to the left lower predicted energy.`,
    render: () =>
      horizontalBars({
        bars: rows.map((r) => ({
          label: feature(r.feature).label,
          value: r.perStd,
          note: `${coefficient.label}: ${numberFormat(coefficient)(r.coefficient)}`,
        })),
        valueLabel: "change in predicted energy per standard deviation of the feature",
        valueFormat: (v) => dec(v, 3),
        tipFormat: numberFormat(perStd),
        width: 640,
      }),
    data: {
      columns: [
        textColumn("feature", "feature"),
        coefficient,
        sigColumn("std", "standard deviation of the feature", 4),
        perStd,
      ],
      rows,
    },
  };
}

function tallyFigure(): FigureSpec {
  const s = sweepFacts();
  const panels = [
    { grouping: "genre", model: "linear", sweep: s.genre },
    { grouping: "genre", model: "quadratic", sweep: s.genre },
    { grouping: "super-genre", model: "linear", sweep: s.superGenre },
    { grouping: "super-genre", model: "quadratic", sweep: s.superGenre },
  ] as const;
  const rows = panels.flatMap((p) =>
    s.responses.map((response) => ({
      grouping: p.grouping,
      model: p.model,
      response,
      groups: p.sweep.tally[p.model][response] ?? 0,
    })),
  );
  const describe = (p: (typeof panels)[number]) =>
    Object.entries(p.sweep.tally[p.model])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${feature(r).label} ${n}`)
      .join(", ");
  const groups = intColumn("groups", "groups where it fitted best");
  return {
    id: "sweep-tally",
    title: "Which response each group's regressions fitted best",
    alt: `Four bar charts counting, for each response, the groups in which it had the highest validation R². Genres, linear: ${describe(panels[0])}. Genres, quadratic: ${describe(panels[1])}. Super-genres, linear: ${describe(panels[2])}. Super-genres, quadratic: ${describe(panels[3])}. Every other response was best in no group.`,
    render: () =>
      smallMultiples(
        panels.map((p) => ({
          title: `${p.grouping === "genre" ? `${p.sweep.groups.length} genres` : `${p.sweep.groups.length} super-genres`}, ${p.model}`,
          html: horizontalBars({
            bars: s.responses.map((r) => ({
              label: feature(r).label,
              value: p.sweep.tally[p.model][r] ?? 0,
            })),
            valueLabel: "groups",
            valueFormat: (v) => String(v),
            tipFormat: numberFormat(groups),
            keepOrder: true,
            width: 320,
          }),
        })),
      ),
    data: {
      columns: [
        textColumn("grouping", "grouping"),
        textColumn("model", "model"),
        textColumn("response", "response"),
        groups,
      ],
      rows,
    },
  };
}

function sweepRows(grouping: "genre" | "super-genre") {
  const s = sweepFacts();
  const sweep = grouping === "genre" ? s.genre : s.superGenre;
  return sweep.groups.flatMap((g) =>
    g.responses.map((r) => ({
      group: g.group,
      rows: g.nRows,
      response: r.response,
      selected: r.selected.join(" "),
      linearTrainR2: r.linear.trainR2,
      linearValidationR2: r.linear.validationR2,
      quadraticTrainR2: r.quadratic.trainR2,
      quadraticValidationR2: r.quadratic.validationR2,
    })),
  );
}

const LINEAR_VALIDATION_R2 = decColumn("linearValidationR2", "linear validation R²", 3);

const SWEEP_COLUMNS = [
  textColumn("group", "group"),
  intColumn("rows", "tracks"),
  textColumn("response", "response"),
  textColumn("selected", "predictors selected"),
  decColumn("linearTrainR2", "linear train R²", 3),
  LINEAR_VALIDATION_R2,
  decColumn("quadraticTrainR2", "quadratic train R²", 3),
  decColumn("quadraticValidationR2", "quadratic validation R²", 3),
];

/** Below this validation R², the report calls a response poorly predicted. */
const WEAK_R2 = 0.3;

const r2Tick = (v: number) => dec(v, 1);

function superGenreGridFigure(): FigureSpec {
  const s = sweepFacts();
  const rows = sweepRows("super-genre");
  const groups = s.superGenre.groups.map((g) => g.group);
  const best = s.superGenre.highest.linear;
  const weak = s.responses.filter((response) =>
    rows.filter((r) => r.response === response).every((r) => r.linearValidationR2 < WEAK_R2),
  );
  return {
    id: "sweep-r2-super-genres",
    title: "Validation R² of each super-genre × response (linear)",
    alt: `Heatmap of the linear model's validation R² for each of the ${groups.length} super-genres (rows) and ${s.responses.length} responses (columns). The energy column is the brightest in every row; the highest cell is ${best.group} × ${feature(best.response).label} at ${dec(best.validationR2, 3)}. Responses below R² = ${dec(WEAK_R2, 1)} in every super-genre: ${weak.map((r) => feature(r).label).join(", ") || "none"}.`,
    render: () =>
      labelledMatrix({
        rows: groups,
        columns: s.responses.map((r) => feature(r).label),
        cells: rows.map((r) => ({
          row: r.group,
          column: feature(r.response).label,
          value: r.linearValidationR2,
        })),
        thresholds: R2_THRESHOLDS,
        tickFormat: r2Tick,
        label: "validation R² (linear)",
        format: (v) => dec(v, 2),
        tipFormat: numberFormat(LINEAR_VALIDATION_R2),
        columnLabel: "response",
      }),
    data: { columns: SWEEP_COLUMNS, rows },
  };
}

function genreGridFigure(): FigureSpec {
  const s = sweepFacts();
  const rows = sweepRows("genre");
  const energyR2 = new Map(
    rows.filter((r) => r.response === "energy").map((r) => [r.group, r.linearValidationR2]),
  );
  const groups = s.genre.groups
    .map((g) => g.group)
    .sort((a, b) => (energyR2.get(b) ?? 0) - (energyR2.get(a) ?? 0));
  const best = s.genre.highest.linear;
  const nonEnergy = s.genre.linearTally.filter((t) => t.response !== "energy");
  return {
    id: "sweep-r2-genres",
    title: "Validation R² of each genre × response (linear)",
    alt: `Compact heatmap of the linear model's validation R² for each of the ${groups.length} genres (rows, sorted by the R² of energy) and ${s.responses.length} responses (columns). The energy column is high for almost every genre, with its highest value in ${best.group} (${dec(best.validationR2, 3)}); loudness and acousticness are the next brightest columns. ${nonEnergy.map((t) => `${feature(t.response).label} was best in ${t.groups}`).join(", ")} genres.`,
    render: () =>
      compactMatrix({
        rows: groups,
        columns: s.responses.map((r) => feature(r).label),
        cells: rows.map((r) => ({
          row: r.group,
          column: feature(r.response).label,
          value: r.linearValidationR2,
        })),
        thresholds: R2_THRESHOLDS,
        tickFormat: r2Tick,
        label: "validation R² (linear)",
        tipFormat: numberFormat(LINEAR_VALIDATION_R2),
        columnLabel: "response",
        columnWidth: 38,
      }),
    data: { columns: SWEEP_COLUMNS, rows },
    table: {
      columns: [
        textColumn("group", "genre"),
        textColumn("response", "best response"),
        decColumn("linear", "linear validation R²", 3),
        decColumn("quadratic", "quadratic validation R² (its best response)", 3),
      ],
      rows: s.genre.groups.map((g) => ({
        group: g.group,
        response: g.best.linear.response,
        linear: g.best.linear.validationR2,
        quadratic: g.best.quadratic.validationR2,
      })),
    },
    tableNote: `The table lists each genre's best response; the downloads hold all ${sig(rows.length)} genre × response regressions.`,
  };
}

export function figures(): FigureSpec[] {
  return [
    selectionTraceFigure(),
    coefficientsFigure(),
    tallyFigure(),
    superGenreGridFigure(),
    genreGridFigure(),
  ];
}
