import type { ClassificationMetrics } from "@spotiflies/models/results";
import { count, dec, pct } from "../site/format.ts";
import { intColumn, numberFormat, shareColumn, textColumn } from "./columns.ts";
import { labelledMatrix } from "./kinds/matrix.ts";
import type { FigureSpec } from "./types.ts";

/** Classes of "share of the true class's tracks" in a confusion matrix (as the classifier chapters use). */
const SHARE_THRESHOLDS = [0.05, 0.1, 0.2, 0.3, 0.45, 0.6];

export interface ConfusionFigure {
  id: string;
  title: string;
  /** The model as the text alternative names it ("the seed's network"). */
  model: string;
  metrics: ClassificationMetrics;
  /** Which tracks were scored, singular ("validation track", "test track"). */
  noun: string;
}

/**
 * A confusion matrix as a figure: rows are true classes, columns predicted ones, each cell the share of its row's
 * tracks (with the count in its tooltip); the data table lists every cell.
 */
export function confusionMatrixFigure(figure: ConfusionFigure): FigureSpec {
  const { classes, confusion } = figure.metrics;
  const rows = classes.flatMap((actual, i) => {
    const counts = confusion[i] ?? [];
    const total = counts.reduce((a, b) => a + b, 0);
    return classes.map((predicted, j) => ({
      actual,
      predicted,
      tracks: counts[j] ?? 0,
      share: total === 0 ? 0 : (counts[j] ?? 0) / total,
    }));
  });
  const tracks = rows.reduce((sum, r) => sum + r.tracks, 0);
  const diagonal = rows.filter((r) => r.actual === r.predicted).sort((a, b) => b.share - a.share);
  const offDiagonal = rows.filter((r) => r.actual !== r.predicted).sort((a, b) => b.share - a.share)[0];
  const share = shareColumn("share", "share of the true class");
  const describe = (r: (typeof rows)[number]) => `${r.actual} (${pct(r.share, 0)})`;
  return {
    id: figure.id,
    title: figure.title,
    alt: `Heatmap of ${figure.model}'s predictions for ${count(tracks, figure.noun)}: rows are the true super-genre, columns the predicted one, each cell the share of the row's tracks. The diagonal (correct predictions) is highest for ${diagonal
      .slice(0, 2)
      .map(describe)
      .join(" and ")} and lowest for ${diagonal
      .slice(-2)
      .map(describe)
      .join(
        " and ",
      )}. The largest confusion is ${offDiagonal?.actual} predicted as ${offDiagonal?.predicted} (${pct(offDiagonal?.share ?? 0, 0)} of ${offDiagonal?.actual} tracks).`,
    render: () =>
      labelledMatrix({
        rows: classes,
        columns: classes,
        cells: rows.map((r) => ({
          row: r.actual,
          column: r.predicted,
          value: r.share,
          note: count(r.tracks, figure.noun),
        })),
        thresholds: SHARE_THRESHOLDS,
        tickFormat: (v) => pct(v, 0),
        label: `share of the true class's ${figure.noun}s`,
        format: (v) => dec(v * 100, 0),
        tipFormat: numberFormat(share),
        rowLabel: "true super-genre",
        columnLabel: "predicted super-genre",
      }),
    data: {
      columns: [
        textColumn("actual", "true super-genre"),
        textColumn("predicted", "predicted super-genre"),
        intColumn("tracks", `${figure.noun}s`),
        share,
      ],
      rows,
    },
  };
}
